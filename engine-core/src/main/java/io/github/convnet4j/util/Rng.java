package io.github.convnet4j.util;

/**
 * A small, fast, splittable random generator (SplitMix64) whose whole state is one {@code long},
 * so checkpoints can store it exactly and a resumed run draws the same numbers. Not for security.
 */
public final class Rng {
    private long state;

    public Rng(long seed) { this.state = seed; }

    /** A generator for a named sub-stream, e.g. {@code Rng.derive(seed, epoch, 7)}: the same inputs give the same stream. */
    public static Rng derive(long seed, long... keys) {
        long s = mix(seed);
        for (long k : keys) s = mix(s ^ mix(k + 0x632BE59BD9B4E019L));
        return new Rng(s);
    }

    /** The full state, for checkpoints. */
    public long state() { return state; }

    /** Restores a state returned by {@link #state()}. */
    public void setState(long s) { state = s; }

    public long nextLong() { return mix(state += 0x9E3779B97F4A7C15L); }

    public int nextInt() { return (int) (nextLong() >>> 32); }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Standard normal (Box-Muller, one value per call for a state that is easy to reason about). */
    public double nextGaussian() {
        double u1 = nextDouble(), u2 = nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
