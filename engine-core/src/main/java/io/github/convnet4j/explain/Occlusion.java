package io.github.convnet4j.explain;

import io.github.convnet4j.tensor.Shape;

/**
 * Occlusion sensitivity: slides a {@code patch × patch} square of zeros over the image with the
 * given stride and records how much the class's output drops; each pixel gets the mean drop of the
 * patches that cover it (pixels no patch covers get 0). Zero is the background of MNIST-like data and
 * the mean of standardised data. All occluded copies run through the model in batches.
 */
public final class Occlusion {
    /** Largest number of occluded copies one call may make. */
    public static final int MAX_PATCHES = 1 << 16;

    private Occlusion() {}

    /**
     * @param image {@code (C, H, W)}
     * @return {@code (H, W)} mean drop of the class output, unnormalised (may be negative)
     */
    static float[] drops(ModelProbe probe, float[] image, int classIndex, int patch, int stride) {
        Shape in = probe.model().inputShape();
        int c = in.dim(0), h = in.dim(1), w = in.dim(2), plane = h * w;
        if (patch < 1 || stride < 1) throw new IllegalArgumentException("occlusion patch and stride must be >= 1, got " + patch + " and " + stride);
        if (patch > Math.min(h, w)) throw new IllegalArgumentException("occlusion patch " + patch + " is larger than the input " + h + "x" + w);
        int ny = (h - patch) / stride + 1, nx = (w - patch) / stride + 1;
        // The last row/column of patches sits flush with the border so every pixel is covered.
        int[] ys = positions(h, patch, stride, ny), xs = positions(w, patch, stride, nx);
        int n = ys.length * xs.length;
        if (n > MAX_PATCHES) throw new IllegalArgumentException("occlusion with patch " + patch + " and stride " + stride + " makes " + n + " copies; at most " + MAX_PATCHES);
        int k = Math.toIntExact(probe.model().outputShape().size());
        float base = probe.outputs(image)[classIndex];
        float[] sum = new float[plane];
        int[] count = new int[plane];
        int chunk = 256;
        float[] copies = new float[chunk * image.length];
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            for (int j = 0; j < m; j++) {
                System.arraycopy(image, 0, copies, j * image.length, image.length);
                int y0 = ys[(start + j) / xs.length], x0 = xs[(start + j) % xs.length];
                for (int ch = 0; ch < c; ch++) {
                    for (int y = y0; y < y0 + patch; y++) java.util.Arrays.fill(copies, j * image.length + ch * plane + y * w + x0, j * image.length + ch * plane + y * w + x0 + patch, 0f);
                }
            }
            float[] out = probe.outputs(copies, m);
            for (int j = 0; j < m; j++) {
                float drop = base - out[j * k + classIndex];
                int y0 = ys[(start + j) / xs.length], x0 = xs[(start + j) % xs.length];
                for (int y = y0; y < y0 + patch; y++) {
                    for (int x = x0; x < x0 + patch; x++) {
                        sum[y * w + x] += drop;
                        count[y * w + x]++;
                    }
                }
            }
        }
        for (int i = 0; i < plane; i++) sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
        return sum;
    }

    private static int[] positions(int size, int patch, int stride, int regular) {
        int last = (regular - 1) * stride;
        boolean flush = last + patch < size;
        int[] p = new int[regular + (flush ? 1 : 0)];
        for (int i = 0; i < regular; i++) p[i] = i * stride;
        if (flush) p[regular] = size - patch;
        return p;
    }
}
