package io.github.convnet4j.nn;

import java.util.List;
import java.util.Locale;

/**
 * A padding setting as written in a model file: {@code "valid"} (none), {@code "same"} (Keras:
 * output = ceil(n / stride); the total {@code max((ceil(n/s)-1)*s + d*(k-1)+1 - n, 0)} is split
 * with the smaller half before, so an even kernel pads more at the bottom/right), an integer
 * (symmetric), {@code [h, w]}, or {@code [top, left, bottom, right]}.
 */
public final class Padding {
    private final String keyword;
    private final int[] explicit;

    private Padding(String keyword, int[] explicit) {
        this.keyword = keyword;
        this.explicit = explicit;
    }

    public static final Padding VALID = new Padding("valid", null);
    public static final Padding SAME = new Padding("same", null);

    /** Reads {@code key} from a config; explicit amounts only when {@code allowExplicit}. */
    public static Padding parse(LayerConfig config, String key, boolean allowExplicit) {
        Object v = config.raw(key);
        if (v == null) return VALID;
        if (v instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "valid" -> VALID;
                case "same" -> SAME;
                default -> throw new IllegalArgumentException("key '" + key + "' must be \"valid\" or \"same\""
                        + (allowExplicit ? ", an integer, [h, w] or [top, left, bottom, right]" : "") + ", got \"" + s + "\"");
            };
        }
        if (!allowExplicit) throw new IllegalArgumentException("key '" + key + "' must be \"valid\" or \"same\", got " + v);
        int[] p;
        if (v instanceof List<?> l && (l.size() == 2 || l.size() == 4)) {
            int[] raw = new int[l.size()];
            for (int i = 0; i < raw.length; i++) raw[i] = amount(key, l.get(i));
            p = raw.length == 4 ? raw : new int[] {raw[0], raw[1], raw[0], raw[1]};
        } else if (v instanceof List<?>) {
            throw new IllegalArgumentException("key '" + key + "' must be [h, w] or [top, left, bottom, right], got " + v);
        } else {
            int a = amount(key, v);
            p = new int[] {a, a, a, a};
        }
        return new Padding(null, p);
    }

    private static int amount(String key, Object v) {
        if (v instanceof Integer i && i >= 0) return i;
        throw new IllegalArgumentException("key '" + key + "' must hold integers >= 0, got " + v);
    }

    /** Explicit symmetric padding. */
    public static Padding of(int pad) { return new Padding(null, new int[] {pad, pad, pad, pad}); }

    /** Whether this is {@code same}. */
    public boolean isSame() { return this == SAME; }

    /**
     * The amounts {@code [top, left, bottom, right]} for an input of {@code h x w}, kernel
     * {@code kh x kw}, strides and dilations.
     */
    public int[] resolve(int h, int w, int kh, int kw, int sh, int sw, int dh, int dw) {
        if (explicit != null) return explicit.clone();
        if (this == VALID) return new int[4];
        int[] ph = same(h, kh, sh, dh), pw = same(w, kw, sw, dw);
        return new int[] {ph[0], pw[0], ph[1], pw[1]};
    }

    /** Keras same padding along one axis: {@code {before, after}}. */
    public static int[] same(int n, int k, int s, int d) {
        long out = ((long) n + s - 1) / s;
        long total = Math.max((out - 1) * s + (long) d * (k - 1) + 1 - n, 0);
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("\"same\" padding of " + total + " is larger than 2^31 - 1");
        return new int[] {(int) (total / 2), (int) (total - total / 2)};
    }

    /** As written in a model file: a string, an integer or a list. */
    public Object toConfigValue() {
        if (keyword != null) return keyword;
        if (explicit[0] == explicit[1] && explicit[1] == explicit[2] && explicit[2] == explicit[3]) return explicit[0];
        return List.of(explicit[0], explicit[1], explicit[2], explicit[3]);
    }

    @Override public String toString() { return String.valueOf(toConfigValue()); }
}
