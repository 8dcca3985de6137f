package io.github.convnet4j.util;

/** "Did you mean": the known name nearest to a mistyped one (layer types, keys, presets, datasets). */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate within a small edit distance (2, or a quarter of the length for long names), or
     * sharing a prefix of at least 4 characters, of {@code s}; null when none is that close.
     */
    public static String nearest(String s, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(s, c);
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        if (best == null) return null;
        boolean prefix = s.length() >= 4 && (best.startsWith(s) || s.startsWith(best));
        return bestDistance <= Math.max(2, s.length() / 4) || prefix ? best : null;
    }

    /** {@code " (did you mean 'x'?)"} for the nearest candidate, or the empty string. */
    public static String didYouMean(String s, Iterable<String> candidates) {
        String near = nearest(s, candidates);
        return near == null ? "" : " (did you mean '" + near + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
