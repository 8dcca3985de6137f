package io.github.convnet4j.optim;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code name:key=value,key=value} string, as used for optimizers ({@code adam:lr=0.01})
 * and learning-rate schedules ({@code step:every=2,factor=0.5}). Keys are case-insensitive and may
 * use {@code -} or {@code _}. Every getter records the key as known; {@link #rejectUnknown()} then
 * fails on a misspelt option instead of silently ignoring it.
 */
public final class OptionSpec {
    private final String text;
    private final String kind;
    private final String name;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private OptionSpec(String kind, String text) {
        this.kind = kind;
        this.text = text;
        String t = text.trim();
        int colon = t.indexOf(':');
        name = (colon < 0 ? t : t.substring(0, colon)).trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (name.isEmpty()) throw new IllegalArgumentException(kind + " '" + text + "': missing name");
        if (colon >= 0 && !t.substring(colon + 1).isBlank()) {
            for (String part : t.substring(colon + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException(kind + " '" + text + "': expected key=value, got '" + part.trim() + "'");
                String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
                if (options.put(key, part.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException(kind + " '" + text + "': option " + key + " given twice");
                }
            }
        }
    }

    /**
     * Parses {@code text}.
     *
     * @param kind what is being parsed, for error messages, e.g. {@code "optimizer"}
     */
    public static OptionSpec parse(String kind, String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException(kind + ": empty spec");
        return new OptionSpec(kind, text);
    }

    /** The part before the colon, lower case. */
    public String name() { return name; }

    /** A number option, or {@code fallback} when absent. */
    public double number(String key, double fallback) {
        known.add(key);
        String v = options.get(key);
        if (v == null) return fallback;
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + " '" + text + "': " + key + "=" + v + " is not a number");
        }
    }

    /** A whole-number option, or {@code fallback} when absent. */
    public int integer(String key, int fallback) {
        known.add(key);
        String v = options.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + " '" + text + "': " + key + "=" + v + " is not a whole number");
        }
    }

    /** A true/false option, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        known.add(key);
        String v = options.get(key);
        if (v == null) return fallback;
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(kind + " '" + text + "': " + key + "=" + v + " is not true or false");
        };
    }

    /** A text option, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        known.add(key);
        return options.getOrDefault(key, fallback);
    }

    /** Fails naming the first option no getter asked for, and the valid ones. */
    public void rejectUnknown() {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(kind + " '" + text + "': unknown option " + key
                        + (known.isEmpty() ? " (" + name + " takes no options)" : " (valid: " + String.join(", ", known) + ")"));
            }
        }
    }
}
