package io.github.convnet4j.cli.bench;

import io.github.convnet4j.backend.Backend;

/**
 * Times one operation repeatedly: one untimed call first (JIT, caches, lazy workspaces), then at
 * least {@code minRepeats} timed calls and more until {@code minSeconds} have passed or
 * {@code maxRepeats} are done. Each timed call ends with {@link Backend#synchronize()}, so an
 * asynchronous device is measured to completion.
 *
 * @param minRepeats at least this many timed calls (>= 1)
 * @param maxRepeats at most this many
 * @param minSeconds keep repeating until this much time was spent
 */
public record OpTimer(int minRepeats, int maxRepeats, double minSeconds) {
    public OpTimer {
        if (minRepeats < 1 || maxRepeats < minRepeats) throw new IllegalArgumentException("repeats must satisfy 1 <= min <= max, got " + minRepeats + ".." + maxRepeats);
    }

    /** The default: 3 to 50 calls, for at least a quarter of a second. */
    public static OpTimer standard() { return new OpTimer(3, 50, 0.25); }

    /** The seconds of each timed call. */
    public double[] time(Backend backend, Runnable op) {
        op.run();
        backend.synchronize();
        double[] samples = new double[maxRepeats];
        int n = 0;
        double spent = 0;
        while (n < minRepeats || (n < maxRepeats && spent < minSeconds)) {
            long t0 = System.nanoTime();
            op.run();
            backend.synchronize();
            samples[n] = (System.nanoTime() - t0) * 1e-9;
            spent += samples[n++];
        }
        return java.util.Arrays.copyOf(samples, n);
    }

    /** The median seconds of one call. */
    public double medianSeconds(Backend backend, Runnable op) { return Stats.median(time(backend, op)); }
}
