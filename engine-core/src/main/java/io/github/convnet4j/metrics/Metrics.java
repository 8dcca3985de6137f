package io.github.convnet4j.metrics;

/**
 * Score-based metrics over a row-major {@code (n, k)} score array (class probabilities, or any
 * scores where larger means more likely) and {@code n} integer labels in [0, k).
 */
public final class Metrics {
    private Metrics() {}

    /**
     * Share of samples whose true class is among the {@code topK} highest scores. Ties are broken
     * towards the lower class index, as {@link ConfusionMatrix#argmax} does, so top-1 equals accuracy:
     * the true class {@code t} ranks {@code #{j : s_j > s_t} + #{j < t : s_j == s_t}}. A NaN true-class
     * score is never counted correct.
     *
     * @return the share in [0, 1]; 0 when {@code n == 0}
     */
    public static double topKAccuracy(float[] scores, int n, int k, int[] labels, int topK) {
        checkScores(scores, n, k, labels);
        if (topK <= 0) throw new IllegalArgumentException("top-k needs k >= 1, got " + topK);
        long correct = 0;
        for (int i = 0; i < n; i++) {
            int t = labels[i];
            float st = scores[i * k + t];
            if (Float.isNaN(st)) continue;
            int rank = 0;
            for (int j = 0; j < k; j++) {
                float s = scores[i * k + j];
                if (s > st || (s == st && j < t)) rank++;
            }
            if (rank < topK) correct++;
        }
        return n == 0 ? 0 : (double) correct / n;
    }

    static void checkScores(float[] scores, int n, int k, int[] labels) {
        if (n < 0 || k <= 0) throw new IllegalArgumentException("need n >= 0 and k >= 1, got n=" + n + ", k=" + k);
        if ((long) n * k > scores.length) throw new IllegalArgumentException("scores (" + n + ", " + k + ") need " + (long) n * k + " values, got " + scores.length);
        if (labels.length < n) throw new IllegalArgumentException(n + " samples but " + labels.length + " labels");
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, " + k + ")");
        }
    }
}
