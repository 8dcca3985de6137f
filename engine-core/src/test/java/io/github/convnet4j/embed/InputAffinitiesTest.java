package io.github.convnet4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Perplexity calibration and symmetrisation of t-SNE's input affinities.
 *
 * <p>Left alone as equivalent: {@code step < 200} as {@code <=} and {@code |diff| < 1e-5} as
 * {@code <=} (bisection ends by the tolerance long before 200 steps); dropping that early exit
 * (bisection keeps refining a row already at the target); {@code diff > 0} as {@code >=} (at diff = 0
 * the loop has already stopped).
 */
class InputAffinitiesTest {
    /**
     * Each row is a Gaussian p_t ∝ exp(−β d_t) whose entropy is log(perplexity): checked from the
     * returned probabilities alone (entropy −Σ p ln p, and ln(p_t / p_0) = −β (d_t − d_0) for one β).
     * Close distances need β far above the start of 1 (doubling), far ones far below (halving);
     * the far row's nearest distance is 100, which the fit must shift away and back exactly.
     */
    @Test void rowsHitTheTargetEntropyWithAGaussianShape() {
        double[][] rows = {
            {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10},
            {100, 200, 300, 400, 500},
            {5, 5.5, 7, 9},
        };
        double[] perplexities = {3, 2, 2.5};
        for (int r = 0; r < rows.length; r++) {
            double[] d = rows[r];
            double[] p = new double[d.length + 2];
            InputAffinities.fitRow(d, Math.log(perplexities[r]), p, 1);
            assertEquals(0, p[0], "before the row is untouched");
            assertEquals(0, p[d.length + 1], "after the row is untouched");
            double sum = 0, entropy = 0;
            for (int t = 0; t < d.length; t++) {
                sum += p[1 + t];
                entropy -= p[1 + t] * Math.log(p[1 + t]);
            }
            assertEquals(1, sum, 1e-12, "row " + r + " sums to 1");
            assertEquals(Math.log(perplexities[r]), entropy, 1e-4, "row " + r + " entropy");
            double beta = -Math.log(p[2] / p[1]) / (d[1] - d[0]);
            assertTrue(beta > 0, "row " + r + ": nearer is likelier");
            for (int t = 2; t < d.length; t++) assertEquals(-beta * (d[t] - d[0]), Math.log(p[1 + t] / p[1]), 1e-6 * Math.max(1, beta * d[t]), "row " + r + ", entry " + t);
        }
    }

    /**
     * Five points with perplexity 2 take all 4 others as neighbours (3·2 = 6 is capped at n − 1): P is
     * dense off the diagonal, {@code P_ij = (p_j|i + p_i|j) / 2n} with each row's conditionals fitted on
     * its squared distances.
     */
    @Test void fewPointsUseEveryOtherPointAndSymmetrise() {
        int n = 5, d = 3;
        Random r = new Random(12);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        double[][] cond = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] dist = new double[n - 1];
            int[] others = new int[n - 1];
            for (int j = 0, t = 0; j < n; j++) {
                if (j == i) continue;
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = x[i * d + c] - x[j * d + c]; // features are floats: so is their difference
                    s += diff * diff;
                }
                others[t] = j;
                dist[t++] = s;
            }
            double[] p = new double[n - 1];
            InputAffinities.fitRow(dist, Math.log(2), p, 0);
            for (int t = 0; t < n - 1; t++) cond[i][others[t]] = p[t];
        }
        InputAffinities p = InputAffinities.of(x, n, d, 2);
        assertEquals(n, p.n);
        for (int i = 0; i < n; i++) {
            assertEquals(4 * i, p.rowStart[i], "row " + i + " starts after 4 entries per row");
            for (int e = p.rowStart[i], j = 0; e < p.rowStart[i + 1]; e++, j++) {
                if (j == i) j++;
                assertEquals(j, p.columns[e], "row " + i + " lists the others in order");
                assertEquals((cond[i][j] + cond[j][i]) / (2 * n), p.values[e], 1e-12, "P(" + i + ", " + j + ")");
            }
        }
        assertEquals(4 * n, p.rowStart[n]);
    }
}
