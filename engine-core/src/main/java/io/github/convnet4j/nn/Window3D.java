package io.github.convnet4j.nn;

import java.util.List;
import java.util.Locale;

/**
 * The settings of the 3-D layers as written: an int or {@code [d, h, w]} per key, and padding
 * ("valid" | "same" | an int | {@code [d, h, w]}), resolved per axis to {@code {before, after}}.
 */
final class Window3D {
    private Window3D() {}

    /** An int or a three-element list, each &gt;= min; {@code dflt} when absent (may be null). */
    static int[] triple(LayerConfig c, String key, int[] dflt, int min) {
        if (!c.has(key)) return dflt == null ? null : dflt.clone();
        Object v = c.raw(key);
        if (v instanceof Integer i && i >= min) return new int[] {i, i, i};
        if (v instanceof List<?> l && l.size() == 3) {
            int[] out = new int[3];
            for (int i = 0; i < 3; i++) {
                if (!(l.get(i) instanceof Integer n) || n < min) break;
                out[i] = n;
                if (i == 2) return out;
            }
        }
        throw new IllegalArgumentException("key '" + key + "' must be an integer >= " + min + " or [depth, height, width], got " + v);
    }

    /** A required int or {@code [d, h, w]}. */
    static int[] requiredTriple(LayerConfig c, String key, int min) {
        if (!c.has(key)) throw c.missing(key);
        return triple(c, key, null, min);
    }

    /** "valid", "same", or explicit symmetric amounts per axis ({@code int[3]}). */
    static Object padding(LayerConfig c, boolean allowExplicit) {
        Object v = c.raw("padding");
        if (v == null) return "valid";
        if (v instanceof String s) {
            String k = s.toLowerCase(Locale.ROOT);
            if (k.equals("valid") || k.equals("same")) return k;
        } else if (allowExplicit) {
            return triple(c, "padding", null, 0);
        }
        throw new IllegalArgumentException("key 'padding' must be \"valid\" or \"same\"" + (allowExplicit ? ", an integer or [d, h, w]" : "")
                + ", got " + v);
    }

    /** {@code {before, after}} along one axis of length n. */
    static int[] resolve(Object padding, int axis, int n, int k, int s, int d) {
        if (padding instanceof int[] p) return new int[] {p[axis], p[axis]};
        return padding.equals("same") ? Padding.same(n, k, s, d) : new int[2];
    }
}
