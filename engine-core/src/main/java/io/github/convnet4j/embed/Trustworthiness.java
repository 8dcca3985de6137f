package io.github.convnet4j.embed;

/**
 * How far a map can be trusted (Venna and Kaski, 2001; scikit-learn's {@code trustworthiness}): 1
 * when every point's k nearest neighbours in the map are also among its k nearest in the input,
 * lower when the map brings in points that were far away, each penalised by how far down the input
 * ranking it sat: {@code T = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_i} (r(i, j) − k)}.
 */
public final class Trustworthiness {
    private Trustworthiness() {}

    /**
     * @param x   {@code (n, d)} input features
     * @param map {@code (n, m)} map coordinates
     * @param k   neighbours, below n / 2
     */
    public static double of(float[] x, int d, double[] map, int m, int n, int k) {
        if (k < 1 || k >= n / 2.0) throw new IllegalArgumentException("trustworthiness needs 1 <= k < n/2, got k=" + k + ", n=" + n);
        int[] mapNearest = Neighbours.nearest(Neighbours.metric(map, m), n, k);
        Neighbours.Metric input = Neighbours.metric(x, d);
        Integer[] scratch = new Integer[n];
        int[] rank = new int[n];
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            int[] order = Neighbours.byDistance(input, n, i, scratch);
            for (int r = 0; r < n; r++) rank[order[r]] = r; // i itself has rank 0, its nearest neighbour 1
            for (int t = 0; t < k; t++) penalty += Math.max(0, rank[mapNearest[i * k + t]] - k);
        }
        return 1 - 2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }
}
