package io.github.convnet4j.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The machine's FP32 peak as the JVM reaches it: {@link VectorFmaLoop} (vector FMAs on the
 * preferred species, {@value VectorFmaLoop#ACCUMULATORS} independent accumulators) run on
 * {@code threads} threads at once for {@link #WINDOW_SECONDS}, {@link #REPEATS} times after
 * {@link #WARMUP_SECONDS} of untimed work (so C2 has compiled the loop); the best window counts,
 * since interference from other processes can only lower a peak. Each thread's results are summed
 * into {@link #sink}, so the JIT cannot drop the work.
 *
 * <p>The peak is counted per CPU-second: each thread's FLOPs over its own CPU time, summed over the
 * threads, i.e. what the cores do while they run the loop, however many other processes want them.
 * A wall-clock figure depends on that load: on the 2-vCPU AVX-512 Zen machine this was written on,
 * with other processes busy, the loop did 212 GFLOP per CPU-second per thread (64 FLOP a cycle at
 * about 3.3 GHz: FMA-bound at the full width) while the wall-clock figure fell to 60–150 GFLOP/s,
 * below what the convolutions reached minutes later. Where the JVM cannot read thread CPU time the
 * wall-clock figure is the peak. {@link #text()} prints both and the share of the wall time the
 * threads ran, so a busy machine shows as such. (With SMT siblings that a busy machine does not run
 * at the same time, the per-CPU-second sum overstates the peak.)
 *
 * @param gflops        the peak: the best window's sum over threads of FLOPs / the thread's CPU seconds / 1e9
 *                      (an FMA counts as 2 FLOPs); where thread CPU time is not available, FLOPs / wall seconds
 * @param wallGflops    that window's FLOPs of all threads / wall seconds / 1e9
 * @param cpuShare      that window's CPU seconds of all threads / (threads × wall seconds); NaN without CPU time
 * @param threads       threads that ran the loop at once
 * @param vectorBits    width of the preferred species
 * @param accumulators  independent FMA chains per thread
 */
public record PeakFlops(double gflops, double wallGflops, double cpuShare, int threads, int vectorBits, int accumulators) {
    /** Timed windows; the best counts. */
    public static final int REPEATS = 5;
    /** Length of one timed window. */
    public static final double WINDOW_SECONDS = 0.2;
    /** Untimed work on every thread first. */
    public static final double WARMUP_SECONDS = 0.3;
    /** Below this CPU share of the wall time, {@link #text()} says the machine is busy. */
    static final double BUSY_SHARE = 0.9;
    /** Loop iterations between clock reads: about 0.1 ms at full speed. */
    private static final long CHUNK = 50_000;

    /** Every thread's lane sums end up here: a store the JIT must keep. */
    static volatile double sink;

    /**
     * Measures the peak on {@code threads} threads.
     *
     * @throws IllegalStateException when the JVM runs without {@code --add-modules jdk.incubator.vector}
     */
    public static PeakFlops measure(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("the FMA peak needs the Vector API: start the JVM with --add-modules jdk.incubator.vector");
        }
        run(threads, WARMUP_SECONDS);
        double[] best = run(threads, WINDOW_SECONDS);
        for (int r = 1; r < REPEATS; r++) {
            double[] w = run(threads, WINDOW_SECONDS);
            if (peakOf(w) > peakOf(best)) best = w;
        }
        return new PeakFlops(peakOf(best), best[0], best[2], threads, VectorFmaLoop.bits(), VectorFmaLoop.ACCUMULATORS);
    }

    /** A window's peak: per CPU-second where known, else wall-clock. */
    private static double peakOf(double[] window) {
        return Double.isNaN(window[1]) ? window[0] : window[1];
    }

    /**
     * One window: every thread runs chunks until {@code seconds} after a common start.
     *
     * @return {wall GFLOP/s of all threads, sum of per-thread GFLOP per CPU-second, CPU share}
     */
    private static double[] run(int threads, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
        long[] chunks = new long[threads];
        long[] ends = new long[threads];
        long[] cpu = new long[threads];
        double[] sums = new double[threads];
        CountDownLatch ready = new CountDownLatch(threads), go = new CountDownLatch(1);
        long[] start = new long[1];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long deadline = start[0] + (long) (seconds * 1e9);
                long cpu0 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
                long n = 0;
                double s = 0;
                do {
                    s += VectorFmaLoop.run(CHUNK, id);
                    n++;
                } while (System.nanoTime() < deadline);
                chunks[id] = n;
                sums[id] = s;
                ends[id] = System.nanoTime();
                cpu[id] = cpuTime ? mx.getCurrentThreadCpuTime() - cpu0 : 0;
            }, "convnet-peak-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            ready.await();
            start[0] = System.nanoTime();
            go.countDown();
            for (Thread w : workers) w.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the FMA peak", e);
        }
        double flopsPerChunk = (double) CHUNK * VectorFmaLoop.ACCUMULATORS * VectorFmaLoop.lanes() * 2;
        long end = 0, total = 0, cpuTotal = 0;
        double s = 0, perCpuSecond = 0;
        for (int t = 0; t < threads; t++) {
            end = Math.max(end, ends[t]);
            total += chunks[t];
            s += sums[t];
            cpuTotal += cpu[t];
            perCpuSecond += cpu[t] > 0 ? chunks[t] * flopsPerChunk / cpu[t] : Double.NaN; // FLOP per ns = GFLOP/s
        }
        sink = s;
        double wall = end - start[0];
        return new double[] {total * flopsPerChunk / wall, cpuTime ? perCpuSecond : Double.NaN, cpuTime ? cpuTotal / (threads * wall) : Double.NaN};
    }

    /** {@code peak: 463.2 GFLOP/s (FP32 FMA, ...)} and, with CPU time, a wall-clock line; scripts read the number after {@code peak: }. */
    public String text() {
        boolean cpuTime = !Double.isNaN(cpuShare);
        String line = String.format(Locale.ROOT, "peak: %.1f GFLOP/s (FP32 FMA, Vector API %d-bit, %d accumulators per thread, %d threads, %s; best of %d windows of %.1f s)",
                gflops, vectorBits, accumulators, threads, cpuTime ? "per CPU-second" : "wall clock", REPEATS, WINDOW_SECONDS);
        if (!cpuTime) return line;
        line += String.format(Locale.ROOT, "%n  wall clock: %.1f GFLOP/s (%.1f a thread per CPU-second); the threads ran %.0f %% of the wall time", wallGflops,
                gflops / threads, 100 * cpuShare);
        if (cpuShare < BUSY_SHARE) line += " - the machine is busy";
        return line;
    }
}
