package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

import java.util.SplittableRandom;

/**
 * Seeded test inputs, every value rounded to float32 so both sides of a {@link BackendPair} see
 * exactly the same numbers. Each case seeds its own generator, so adding a case never changes the
 * data of another.
 */
public final class Data {
    private final SplittableRandom random;

    public Data(long seed) { this.random = new SplittableRandom(seed); }

    /** {@code n} values uniform in [lo, hi), rounded to float32. */
    public double[] uniform(long n, double lo, double hi) {
        double[] d = new double[Math.toIntExact(n)];
        for (int i = 0; i < d.length; i++) d[i] = (float) (lo + (hi - lo) * random.nextDouble());
        return d;
    }

    /** {@code shape.size()} values uniform in [-1, 1). */
    public double[] uniform(Shape shape) { return uniform(shape.size(), -1, 1); }

    /**
     * Values uniform in [-1, 1) pushed at least {@code gap} away from 0, for functions with a kink
     * at 0 (ReLU, leaky ReLU, ELU's second branch, |w|) where a tiny rounding must not flip the side.
     */
    public double[] awayFromZero(long n, double scale, double gap) {
        double[] d = uniform(n, -1, 1);
        for (int i = 0; i < d.length; i++) d[i] = (float) (Math.copySign(gap + (scale - gap) * Math.abs(d[i]), d[i]));
        return d;
    }

    /** Integers uniform in [0, bound) as doubles (ties on purpose, e.g. for max pooling). */
    public double[] integers(long n, int bound) {
        double[] d = new double[Math.toIntExact(n)];
        for (int i = 0; i < d.length; i++) d[i] = random.nextInt(bound);
        return d;
    }

    /** One-hot rows of an (n, f) matrix. */
    public double[] oneHot(int n, int f) {
        double[] d = new double[n * f];
        for (int r = 0; r < n; r++) d[r * f + random.nextInt(f)] = 1;
        return d;
    }

    /**
     * Soft labels: each row of an (n, f) matrix is positive and sums to 1 up to float32 rounding
     * (which the loss formulas handle through {@code sum_i t_i}).
     */
    public double[] softLabels(int n, int f) {
        double[] d = uniform((long) n * f, 0.05, 1);
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int i = 0; i < f; i++) s += d[r * f + i];
            for (int i = 0; i < f; i++) d[r * f + i] = (float) (d[r * f + i] / s);
        }
        return d;
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) { return random.nextInt(bound); }
}
