package io.github.convnet4j.embed;

import java.util.Arrays;

/**
 * Exact nearest neighbours by squared Euclidean distance (brute force: fine for the few thousand
 * points an embedding shows). Points are rows of a row-major {@code (n, d)} array.
 */
public final class Neighbours {
    /** Squared distance between points i and j. */
    interface Metric {
        double squared(int i, int j);
    }

    private Neighbours() {}

    static Metric metric(float[] x, int d) {
        return (i, j) -> {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = x[i * d + t] - x[j * d + t];
                s += diff * diff;
            }
            return s;
        };
    }

    static Metric metric(double[] y, int d) {
        return (i, j) -> {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = y[i * d + t] - y[j * d + t];
                s += diff * diff;
            }
            return s;
        };
    }

    /**
     * The k nearest other rows of every row, nearest first (ties by index).
     *
     * @return {@code (n, k)} row indices, row-major
     */
    public static int[] nearest(float[] x, int n, int d, int k) { return nearest(metric(x, d), n, k); }

    static int[] nearest(Metric metric, int n, int k) {
        if (k < 1 || k >= n) throw new IllegalArgumentException("need 1 <= k < n, got k=" + k + ", n=" + n);
        int[] out = new int[n * k];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            int[] ranked = byDistance(metric, n, i, order);
            System.arraycopy(ranked, 1, out, i * k, k);
        }
        return out;
    }

    /** All rows ordered by distance from row i: i itself first, then nearest first, ties by index. */
    static int[] byDistance(Metric metric, int n, int i, Integer[] scratch) {
        double[] dist = new double[n];
        for (int j = 0; j < n; j++) {
            dist[j] = j == i ? Double.NEGATIVE_INFINITY : metric.squared(i, j);
            scratch[j] = j;
        }
        Arrays.sort(scratch, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
        int[] out = new int[n];
        for (int j = 0; j < n; j++) out[j] = scratch[j];
        return out;
    }
}
