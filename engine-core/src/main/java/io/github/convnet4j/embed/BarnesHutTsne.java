package io.github.convnet4j.embed;

import io.github.convnet4j.util.Rng;

/**
 * Barnes-Hut t-SNE (van der Maaten, 2014): a 2-D map of {@code (n, d)} feature vectors that keeps
 * each point's near neighbours near. Input affinities come from {@link InputAffinities}; the
 * gradient of KL(P || Q) splits into attraction along P's sparse entries and repulsion from all
 * points, summed with a {@link QuadTree} at accuracy {@code theta}.
 *
 * <p>Optimisation as in scikit-learn's TSNE: Gaussian start (standard deviation 1e-4, from the
 * seed), early exaggeration 12 with momentum 0.5 for the first 250 iterations, then momentum 0.8;
 * per-coordinate gains (+0.2 while the gradient keeps its sign, i.e. opposes the last step; ×0.8
 * when it flips; at least 0.01); and
 * the learning rate {@code max(n / 12, 50)} (Belkina et al., 2019) on the exact gradient
 * {@code 4 (F_attract − F_repel / Z)}. Deterministic for a seed; runs on one thread.
 *
 * @param perplexity effective number of neighbours, e.g. 30; must be below n
 * @param theta      Barnes-Hut accuracy (0 = exact sums), e.g. 0.5
 * @param iterations total gradient steps, at least 250 (the early-exaggeration phase)
 * @param seed       the start's random seed
 */
public record BarnesHutTsne(double perplexity, double theta, int iterations, long seed) {
    private static final int EXAGGERATION_STEPS = 250;
    private static final double EXAGGERATION = 12;

    public BarnesHutTsne {
        if (!(perplexity >= 1)) throw new IllegalArgumentException("perplexity must be >= 1, got " + perplexity);
        if (!(theta >= 0 && theta <= 1)) throw new IllegalArgumentException("theta must be in [0, 1], got " + theta);
        if (iterations < EXAGGERATION_STEPS) throw new IllegalArgumentException("iterations must be >= " + EXAGGERATION_STEPS + ", got " + iterations);
    }

    /** Defaults: perplexity 30, theta 0.5, 1000 iterations. */
    public static BarnesHutTsne withSeed(long seed) { return new BarnesHutTsne(30, 0.5, 1000, seed); }

    /**
     * @param x {@code (n, d)} row-major features
     * @return {@code (n, 2)} row-major map coordinates
     * @throws IllegalArgumentException when there are not more points than the perplexity
     */
    public double[] embed(float[] x, int n, int d) {
        if (n < 2 || perplexity >= n) throw new IllegalArgumentException("t-SNE with perplexity " + perplexity + " needs more than " + (int) perplexity + " points, got " + n);
        if ((long) n * d > x.length) throw new IllegalArgumentException(n + " points of " + d + " features need " + (long) n * d + " values, got " + x.length);
        InputAffinities p = InputAffinities.of(x, n, d, perplexity);
        double[] y = new double[2 * n], update = new double[2 * n], gains = new double[2 * n], grad = new double[2 * n];
        Rng rng = new Rng(seed);
        for (int i = 0; i < 2 * n; i++) {
            y[i] = 1e-4 * rng.nextGaussian();
            gains[i] = 1;
        }
        double lr = Math.max(n / EXAGGERATION, 50);
        for (int it = 0; it < iterations; it++) {
            boolean early = it < EXAGGERATION_STEPS;
            gradient(p, y, n, early ? EXAGGERATION : 1, grad);
            double momentum = early ? 0.5 : 0.8;
            for (int i = 0; i < 2 * n; i++) {
                gains[i] = Math.signum(grad[i]) != Math.signum(update[i]) ? gains[i] + 0.2 : gains[i] * 0.8;
                if (gains[i] < 0.01) gains[i] = 0.01;
                update[i] = momentum * update[i] - lr * gains[i] * grad[i];
                y[i] += update[i];
            }
            if (it % 50 == 0) centre(y, n);
        }
        centre(y, n);
        return y;
    }

    /** The KL gradient {@code (n, 2)} at map {@code y}, attraction scaled by {@code exaggeration}, into {@code grad}. */
    void gradient(InputAffinities p, double[] y, int n, double exaggeration, double[] grad) {
        QuadTree tree = QuadTree.of(y, n);
        double[] force = new double[2];
        double z = 0;
        double[] repulse = new double[2 * n];
        for (int i = 0; i < n; i++) {
            force[0] = force[1] = 0;
            z += tree.repulsion(y, i, theta, force);
            repulse[2 * i] = force[0];
            repulse[2 * i + 1] = force[1];
        }
        for (int i = 0; i < n; i++) {
            double ax = 0, ay = 0;
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                int j = p.columns[e];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double w = p.values[e] / (1 + dx * dx + dy * dy);
                ax += w * dx;
                ay += w * dy;
            }
            grad[2 * i] = 4 * (exaggeration * ax - repulse[2 * i] / z);
            grad[2 * i + 1] = 4 * (exaggeration * ay - repulse[2 * i + 1] / z);
        }
    }

    private static void centre(double[] y, int n) {
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }
}
