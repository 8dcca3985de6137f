package io.github.convnet4j.embed;

import java.util.Arrays;

/**
 * t-SNE's input affinities P in sparse form: for each point a Gaussian over its {@code 3·perplexity}
 * nearest neighbours whose precision is found by bisection so that the distribution's perplexity
 * (2 to the entropy in bits) matches the target, then symmetrised and normalised:
 * {@code P_ij = (p_j|i + p_i|j) / 2n}. Rows are CSR: row i's neighbours are
 * {@code columns[rowStart[i] .. rowStart[i+1])} with values in {@code values}.
 */
final class InputAffinities {
    final int n;
    final int[] rowStart;
    final int[] columns;
    final double[] values;

    private InputAffinities(int n, int[] rowStart, int[] columns, double[] values) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    static InputAffinities of(float[] x, int n, int d, double perplexity) {
        int k = Math.min(n - 1, (int) Math.floor(3 * perplexity));
        Neighbours.Metric metric = Neighbours.metric(x, d);
        int[] nn = Neighbours.nearest(metric, n, k);
        double[] conditional = new double[n * k];
        double[] dist = new double[k];
        double target = Math.log(perplexity);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) dist[t] = metric.squared(i, nn[i * k + t]);
            fitRow(dist, target, conditional, i * k);
        }
        // Symmetrise: collect (i, j, p_j|i) and (j, i, p_j|i), sort by (row, column), add duplicates.
        long[] keys = new long[2 * n * k];
        double[] vals = new double[2 * n * k];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                int j = nn[i * k + t];
                keys[m] = (long) i * n + j;
                vals[m++] = conditional[i * k + t];
                keys[m] = (long) j * n + i;
                vals[m++] = conditional[i * k + t];
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] rowStart = new int[n + 1];
        int[] cols = new int[m];
        double[] v = new double[m];
        int u = -1;
        long last = -1;
        for (int idx : order) {
            if (keys[idx] != last) {
                u++;
                last = keys[idx];
                cols[u] = (int) (keys[idx] % n);
                rowStart[(int) (keys[idx] / n) + 1]++;
            }
            v[u] += vals[idx] / (2.0 * n);
        }
        for (int i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
        return new InputAffinities(n, rowStart, Arrays.copyOf(cols, u + 1), Arrays.copyOf(v, u + 1));
    }

    /** p_j|i ∝ exp(-beta · d_ij²) with beta bisected until the entropy (nats) is log(perplexity). */
    static void fitRow(double[] dist, double targetEntropy, double[] out, int offset) {
        int k = dist.length;
        double beta = 1, lo = 0, hi = Double.POSITIVE_INFINITY;
        double min = Arrays.stream(dist).min().orElse(0);
        for (int step = 0; step < 200; step++) {
            double sum = 0, weighted = 0;
            for (int t = 0; t < k; t++) {
                // Shifting by the nearest distance keeps exp() from underflowing; it cancels in p.
                double p = Math.exp(-beta * (dist[t] - min));
                out[offset + t] = p;
                sum += p;
                weighted += p * (dist[t] - min);
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int t = 0; t < k; t++) out[offset + t] /= sum;
            double diff = entropy - targetEntropy;
            if (Math.abs(diff) < 1e-5) break;
            if (diff > 0) { // too flat: sharpen
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
    }
}
