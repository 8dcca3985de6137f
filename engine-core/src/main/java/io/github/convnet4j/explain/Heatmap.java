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
}
