package io.github.convnet4j.data;

/**
 * Separable bilinear (triangle-filter) resizing of one float plane. When shrinking, the triangle is
 * widened by the shrink factor so every source pixel contributes (antialiasing, as PIL's BILINEAR
 * does); when enlarging it is plain bilinear interpolation with half-pixel centres.
 * Checked by hand against PIL 9.4 {@code Image.resize(..., BILINEAR)} on float images: identical.
 */
final class Resampler {
    private Resampler() {}

    /** One row: {@code src[srcOff .. srcOff + in)} to {@code dst[dstOff .. dstOff + out)}, {@code wx = weights(in, out)}. */
    static void horizontal(float[] src, int srcOff, Weights wx, float[] dst, int dstOff) {
        for (int x = 0; x < wx.count.length; x++) {
            double v = 0;
            for (int t = 0; t < wx.count[x]; t++) v += wx.weight[x][t] * src[srcOff + wx.first[x] + t];
            dst[dstOff + x] = (float) v;
        }
    }

    /** Columns: {@code tmp} (h × outW, rows already resized) to {@code dst} (outH × outW), {@code wy = weights(h, outH)}. */
    static void vertical(float[] tmp, int outW, Weights wy, float[] dst) {
        for (int y = 0; y < wy.count.length; y++) {
            for (int x = 0; x < outW; x++) {
                double v = 0;
                for (int t = 0; t < wy.count[y]; t++) v += wy.weight[y][t] * tmp[(wy.first[y] + t) * outW + x];
                dst[y * outW + x] = (float) v;
            }
        }
    }

    record Weights(int[] first, int[] count, double[][] weight) {}

    /** For each output index: the first source index, the number of taps and their normalised weights. */
    static Weights weights(int in, int out) {
        double ratio = (double) in / out;
        double support = Math.max(1.0, ratio);
        int[] first = new int[out], count = new int[out];
        double[][] weight = new double[out][];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * ratio; // in source coordinates where pixel i spans [i, i+1)
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(in, (int) Math.ceil(centre + support));
            double[] ws = new double[Math.max(0, hi - lo)];
            double sum = 0;
            for (int i = lo; i < hi; i++) {
                double t = Math.abs((i + 0.5 - centre) / support);
                ws[i - lo] = Math.max(0, 1 - t);
                sum += ws[i - lo];
            }
            if (sum == 0) { // cannot happen for in, out >= 1, but never divide by zero
                ws = new double[]{1};
                lo = Math.min(in - 1, (int) centre);
                sum = 1;
            }
            for (int i = 0; i < ws.length; i++) ws[i] /= sum;
            first[o] = lo;
            count[o] = ws.length;
            weight[o] = ws;
        }
        return new Weights(first, count, weight);
    }
}
