package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.util.Suggestions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, checked access to one layer's key/values as read from a model file. Every getter records
 * the key as known; {@link #finish()} then rejects any key nobody asked for, suggesting the closest
 * known one. Errors are one-line {@link IllegalArgumentException}s naming the key; the model-spec
 * reader adds the file and the layer.
 */
public final class LayerConfig {
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    /** Wraps a copy of {@code values} (which may contain {@code name} and {@code trainable}). */
    public LayerConfig(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Builds a config from alternating keys and values, for layers created in code. */
    public static LayerConfig of(Object... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must alternate");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return new LayerConfig(m);
    }

    /** The raw values, in file order. */
    public Map<String, Object> values() { return values; }

    /** Whether the key is present (records it as known). */
    public boolean has(String key) {
        known.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    /** A required integer &gt;= {@code min}. */
    public int requiredInt(String key, int min) {
        if (!has(key)) throw missing(key);
        return integer(key, values.get(key), min);
    }

    /** An optional integer &gt;= {@code min}. */
    public int optionalInt(String key, int dflt, int min) {
        return has(key) ? integer(key, values.get(key), min) : dflt;
    }

    /** An optional number. */
    public double optionalDouble(String key, double dflt) {
        if (!has(key)) return dflt;
        Object v = values.get(key);
        if (!(v instanceof Number n)) throw typeError(key, "a number", v);
        double d = n.doubleValue();
        if (!Double.isFinite(d)) throw new IllegalArgumentException("key '" + key + "' must be finite, got " + v);
        return d;
    }

    /** An optional boolean. */
    public boolean optionalBoolean(String key, boolean dflt) {
        if (!has(key)) return dflt;
        Object v = values.get(key);
        if (!(v instanceof Boolean b)) throw typeError(key, "true or false", v);
        return b;
    }

    /** An optional string. */
    public String optionalString(String key, String dflt) {
        if (!has(key)) return dflt;
        Object v = values.get(key);
        if (!(v instanceof String s)) throw typeError(key, "a string", v);
        return s;
    }

    /** An int or a two-element list {@code [h, w]}, each &gt;= {@code min}; {@code dflt} when absent (may be null). */
    public int[] optionalPair(String key, int[] dflt, int min) {
        if (!has(key)) return dflt == null ? null : dflt.clone();
        Object v = values.get(key);
        if (v instanceof List<?> l) {
            if (l.size() != 2) throw new IllegalArgumentException("key '" + key + "' must be an integer or [height, width], got " + v);
            return new int[] {integer(key, l.get(0), min), integer(key, l.get(1), min)};
        }
        int i = integer(key, v, min);
        return new int[] {i, i};
    }

    /** A required int or {@code [h, w]}. */
    public int[] requiredPair(String key, int min) {
        if (!has(key)) throw missing(key);
        return optionalPair(key, null, min);
    }

    /** An activation name (see {@link Activation#parse}). */
    public Activation optionalActivation(String key, Activation dflt) {
        String s = optionalString(key, null);
        if (s == null) return dflt;
        try {
            return Activation.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "': " + e.getMessage());
        }
    }

    /** An initializer name (see {@link Initializer#byName}). */
    public Initializer optionalInitializer(String key, Initializer dflt) {
        String s = optionalString(key, null);
        if (s == null) return dflt;
        try {
            return Initializer.byName(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "': " + e.getMessage());
        }
    }

    /** A regularizer written {@code {"l1": 0.0, "l2": 1e-4}}; {@link Regularizer#NONE} when absent. */
    public Regularizer optionalRegularizer(String key) {
        if (!has(key)) return Regularizer.NONE;
        Object v = values.get(key);
        if (!(v instanceof Map<?, ?> m)) throw typeError(key, "an object like {\"l2\": 0.0001}", v);
        double l1 = 0, l2 = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Number n) || !(n.doubleValue() >= 0) || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("key '" + key + "." + k + "' must be a number >= 0, got " + e.getValue());
            }
            switch (k) {
                case "l1" -> l1 = n.doubleValue();
                case "l2" -> l2 = n.doubleValue();
                default -> throw new IllegalArgumentException("key '" + key + "': unknown key '" + k + "' (choose l1, l2)");
            }
        }
        return new Regularizer(l1, l2);
    }

    /** The raw value of a key (records it as known); null when absent. */
    public Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    /**
     * The error for an absent required key; when a present, unknown key looks like a misspelling of
     * it, the error names that key instead ("unknown key 'unit' (did you mean 'units'?)").
     */
    public IllegalArgumentException missing(String key) {
        for (String k : values.keySet()) {
            if (!known.contains(k) && key.equals(nearest(k, java.util.List.of(key)))) {
                return new IllegalArgumentException("unknown key '" + k + "' (did you mean '" + key + "'?)");
            }
        }
        return new IllegalArgumentException("missing required key '" + key + "'");
    }

    /** Rejects every key no getter asked for, suggesting the nearest known key. */
    public void finish() {
        for (String k : values.keySet()) {
            if (known.contains(k)) continue;
            String near = nearest(k, known);
            throw new IllegalArgumentException("unknown key '" + k + "'"
                    + (near != null ? " (did you mean '" + near + "'?)" : " (known keys: " + String.join(", ", known) + ")"));
        }
    }

    private static int integer(String key, Object v, int min) {
        long l;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            l = ((Number) v).longValue();
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15) {
            l = (long) n.doubleValue();
        } else {
            throw typeError(key, "an integer", v);
        }
        if (l < min || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("key '" + key + "' must be an integer >= " + min + (l > Integer.MAX_VALUE ? " and < 2^31" : "") + ", got " + v);
        }
        return (int) l;
    }

    private static IllegalArgumentException typeError(String key, String what, Object v) {
        String shown = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return new IllegalArgumentException("key '" + key + "' must be " + what + ", got " + shown);
    }

    /** The candidate within edit distance 2 (or sharing a long prefix) of {@code s}, or null. */
    static String nearest(String s, Iterable<String> candidates) { return Suggestions.nearest(s, candidates); }
}
