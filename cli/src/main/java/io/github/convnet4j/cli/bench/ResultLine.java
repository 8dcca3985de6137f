package io.github.convnet4j.cli.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one machine-readable line each side of the benchmark prints:
 * {@code RESULT net=<net> imgs_per_s=<x> peak_rss_mb=<y> side=<ours|pytorch|keras> key=value ...}.
 * Keys and values contain no whitespace and no {@code '='}; the order is kept. Both our
 * {@code convnet benchmark} and the peers {@code bench/pytorch_peer.py} and {@code bench/keras_peer.py} write it, {@link Comparison} reads it.
 *
 * @param fields the key/value pairs in line order
 */
public record ResultLine(Map<String, String> fields) {
    /** The prefix every result line starts with. */
    public static final String PREFIX = "RESULT";

    public ResultLine {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        for (var e : fields.entrySet()) {
            checkToken("key", e.getKey());
            checkToken("value of " + e.getKey(), e.getValue());
        }
        for (String required : new String[] {"net", "side", "imgs_per_s", "peak_rss_mb"}) {
            if (!fields.containsKey(required)) throw new IllegalArgumentException("result line lacks " + required + "=");
        }
    }

    private static void checkToken(String what, String s) {
        if (s == null || s.isEmpty() || s.chars().anyMatch(c -> c == '=' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("result line " + what + " '" + s + "' must be non-empty without spaces or '='");
        }
    }

    /** Whether {@code line} is a result line (starts with {@code RESULT} and a space). */
    public static boolean isResultLine(String line) {
        return line != null && line.startsWith(PREFIX + " ");
    }

    /**
     * Parses a result line.
     *
     * @throws IllegalArgumentException naming the bad token, a missing required key or a non-numeric rate
     */
    public static ResultLine parse(String line) {
        if (!isResultLine(line)) throw new IllegalArgumentException("not a result line: '" + line + "'");
        Map<String, String> f = new LinkedHashMap<>();
        for (String token : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) throw new IllegalArgumentException("result line token '" + token + "' is not key=value");
            String key = token.substring(0, eq);
            if (f.put(key, token.substring(eq + 1)) != null) throw new IllegalArgumentException("result line repeats key " + key);
        }
        ResultLine r = new ResultLine(f);
        if (!(r.number("imgs_per_s") > 0)) throw new IllegalArgumentException("result line imgs_per_s=" + r.get("imgs_per_s") + " must be a positive number");
        r.number("peak_rss_mb");
        return r;
    }

    /** The line as printed: {@code RESULT k=v k=v ...}. */
    public String format() {
        StringBuilder b = new StringBuilder(PREFIX);
        fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /** A value by key, or null. */
    public String get(String key) { return fields.get(key); }

    /** The network name. */
    public String net() { return fields.get("net"); }

    /** Which implementation: {@code ours}, {@code pytorch} or {@code keras}. */
    public String side() { return fields.get("side"); }

    /** Training throughput in images per second. */
    public double imagesPerSecond() { return number("imgs_per_s"); }

    /** Peak resident set size in MB, or NaN when the platform did not say ({@code n/a}). */
    public double peakRssMb() { return number("peak_rss_mb"); }

    /** A numeric value by key (NaN for {@code n/a}). */
    public double number(String key) {
        String v = fields.get(key);
        if (v == null) throw new IllegalArgumentException("result line lacks " + key + "=");
        if (v.equals("n/a")) return Double.NaN;
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("result line " + key + "=" + v + " is not a non-negative number");
        }
    }

    /** A number as written in result lines: plain decimal, {@code digits} places, no grouping. */
    public static String decimal(double v, int digits) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
