package io.github.convnet4j.explain;

/**
 * A relevance map over an image, {@code height} rows of {@code width} values in [0, 1], row-major.
 * Built with {@link #normalized}, which scales by the maximum (so 1 is the most relevant pixel and a
 * map without any relevance stays all zero).
 */
public record Heatmap(int height, int width, float[] values) {
    public Heatmap {
        if (values.length != height * width) throw new IllegalArgumentException("heatmap " + height + "x" + width + " needs " + height * width + " values, got " + values.length);
    }

    /** {@code max(v, 0) / max(v)} per value; NaN counts as 0. */
    public static Heatmap normalized(int height, int width, float[] raw) {
        float max = 0;
        for (float v : raw) if (v > max) max = v;
        float[] out = new float[raw.length];
        if (max > 0 && Float.isFinite(max)) for (int i = 0; i < raw.length; i++) out[i] = raw[i] > 0 ? Math.min(raw[i] / max, 1f) : 0f;
        return new Heatmap(height, width, out);
    }

    /** The value at row y, column x. */
    public float at(int y, int x) { return values[y * width + x]; }

    /** Max over channels of |g| for a {@code (C, H, W)} gradient: the usual way to show an input gradient. */
    static float[] maxAbsOverChannels(float[] g, int channels, int plane) {
        float[] out = new float[plane];
        for (int c = 0; c < channels; c++) for (int i = 0; i < plane; i++) out[i] = Math.max(out[i], Math.abs(g[c * plane + i]));
        return out;
    }

    /**
     * Bilinear resize of an {@code (h, w)} map to {@code (H, W)} with pixel centres aligned (as
     * PyTorch's {@code align_corners=False}): each low-resolution cell covers its share of the image.
     */
    static float[] resize(float[] src, int h, int w, int outH, int outW) {
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / outH - 0.5));
            int y0 = (int) Math.floor(sy), y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / outW - 0.5));
                int x0 = (int) Math.floor(sx), x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = src[y0 * w + x0] * (1 - fx) + src[y0 * w + x1] * fx;
                double bottom = src[y1 * w + x0] * (1 - fx) + src[y1 * w + x1] * fx;
                out[y * outW + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
