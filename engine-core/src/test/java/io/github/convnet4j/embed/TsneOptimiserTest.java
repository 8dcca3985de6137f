package io.github.convnet4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Barnes-Hut t-SNE's gradient against the exact O(n²) gradient
 * {@code 4 Σ_j (e·P_ij − w_ij / Z) w_ij (y_i − y_j)}, {@code w_ij = 1 / (1 + |y_i − y_j|²)},
 * {@code Z = Σ_{k≠l} w_kl}, on the same P; the final centring; the argument limits.
 *
 * <p>Not pinned: the optimisation schedule (exaggeration phase, momentum, gains, learning rate). At
 * test sizes t-SNE's trajectory is chaotic: scaling the start by (1 + 1e-15) moves the map after 250
 * steps by as much as its own size (n = 10 to 100), so no step-by-step reference can be compared; the
 * schedule is checked by outcome (cli's BarnesHutTsneTest: trustworthiness against scikit-learn).
 * Equivalent: the re-centring every 50 steps, since the gradient only sees differences y_i − y_j.
 */
class TsneOptimiserTest {
    @Test void thetaZeroIsTheExactGradientAndThetaHalfIsClose() {
        int n = 40, d = 4;
        InputAffinities p = InputAffinities.of(clusters(n, d), n, d, 5);
        Random r = new Random(1);
        double[] y = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) y[i] = 3 * r.nextGaussian();
        for (double exaggeration : new double[] {1, 12}) {
            double[] want = exactGradient(p, y, n, exaggeration);
            double scale = 0;
            for (double v : want) scale = Math.max(scale, Math.abs(v));
            double[] got = new double[2 * n];
            new BarnesHutTsne(5, 0, 250, 0).gradient(p, y, n, exaggeration, got);
            for (int i = 0; i < 2 * n; i++) assertEquals(want[i], got[i], 1e-12 * scale, "theta 0, exaggeration " + exaggeration + ", coordinate " + i);
            new BarnesHutTsne(5, 0.5, 250, 0).gradient(p, y, n, exaggeration, got);
            for (int i = 0; i < 2 * n; i++) assertEquals(want[i], got[i], 0.1 * scale, "theta 0.5, exaggeration " + exaggeration + ", coordinate " + i);
        }
    }

    @Test void theMapIsCentred() {
        int n = 12, d = 3;
        double[] y = new BarnesHutTsne(3, 0.5, 260, 1).embed(clusters(n, d), n, d);
        double mx = 0, my = 0, spread = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
            spread = Math.max(spread, Math.abs(y[2 * i]));
        }
        assertEquals(0, mx / n, 1e-12 * spread);
        assertEquals(0, my / n, 1e-12 * spread);
    }

    @Test void limitsAreEnforcedAtTheirEdges() {
        float[] two = {0, 1};
        assertEquals(4, new BarnesHutTsne(1, 0, 250, 1).embed(two, 2, 1).length, "2 points, perplexity 1, 250 steps: the smallest run");
        assertTrue(message(() -> new BarnesHutTsne(2, 0, 250, 1).embed(two, 2, 1)).contains("perplexity 2.0 needs more than 2 points, got 2"));
        assertTrue(message(() -> new BarnesHutTsne(1, 0, 250, 1).embed(new float[] {0}, 1, 1)).contains("got 1"));
        assertTrue(message(() -> new BarnesHutTsne(1, 0, 250, 1).embed(two, 2, 2)).contains("2 points of 2 features need 4 values, got 2"));
        assertTrue(message(() -> new BarnesHutTsne(0.5, 0, 250, 1)).contains("perplexity must be >= 1"));
        assertTrue(message(() -> new BarnesHutTsne(1, 1.5, 250, 1)).contains("theta must be in [0, 1]"));
        assertTrue(message(() -> new BarnesHutTsne(1, -0.1, 250, 1)).contains("theta must be in [0, 1]"));
        assertTrue(message(() -> new BarnesHutTsne(1, 0, 249, 1)).contains("iterations must be >= 250"));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /** Three well-separated Gaussian clusters. */
    private static float[] clusters(int n, int d) {
        Random r = new Random(n);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) x[i * d + c] = (float) ((c == i % 3 ? 5 : 0) + r.nextGaussian());
        return x;
    }

    private static double[] exactGradient(InputAffinities p, double[] y, int n, double exaggeration) {
        double[][] pd = new double[n][n];
        for (int i = 0; i < n; i++) for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) pd[i][p.columns[e]] = p.values[e];
        double[][] w = new double[n][n];
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                w[i][j] = 1 / (1 + dx * dx + dy * dy);
                z += w[i][j];
            }
        }
        double[] grad = new double[2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double m = (exaggeration * pd[i][j] - w[i][j] / z) * w[i][j];
                grad[2 * i] += 4 * m * (y[2 * i] - y[2 * j]);
                grad[2 * i + 1] += 4 * m * (y[2 * i + 1] - y[2 * j + 1]);
            }
        }
        return grad;
    }
}
