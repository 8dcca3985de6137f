package io.github.convnet4j.cpu;

/**
 * The last step of a convolution's output: the bias and, when fused, the ReLU, over a run of one
 * output plane. The formulas are those of the separate ops ({@code y + b}, then {@link
 * ReluKernel}'s {@code Math.max(y, 0)}), so fusing changes no bit.
 */
final class ConvEpilogue {
    private ConvEpilogue() {}

    /** {@code y[from .. from+len) = f(y + b)}, f the ReLU when {@code relu}, else the identity; {@code hasBias} false skips the add. */
    static void apply(float[] y, int from, int len, boolean hasBias, float b, boolean relu) {
        int end = from + len;
        if (hasBias && relu) {
            for (int i = from; i < end; i++) y[i] = Math.max(y[i] + b, 0f);
        } else if (hasBias) {
            for (int i = from; i < end; i++) y[i] += b;
        } else if (relu) {
            for (int i = from; i < end; i++) y[i] = Math.max(y[i], 0f);
        }
    }

    /** {@link #apply} on each of the {@code channels} planes of image n of an (N, channels, plane) tensor. */
    static void image(float[] y, int n, int channels, int plane, float[] bias, boolean relu) {
        if (bias == null && !relu) return;
        int image = n * channels * plane;
        for (int ch = 0; ch < channels; ch++) apply(y, image + ch * plane, plane, bias != null, bias == null ? 0f : bias[ch], relu);
    }
}
