package io.github.convnet4j.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * A one-off measurement, not a unit test: where SGEMM time goes, in three layers for the default
 * kernel. (1) The micro-kernel alone on packed panels that stay in L2 (the tiles of a 96 x 256 A
 * block against a 256 x 256 B panel, with beta 1 as in a k-block after the first), in GFLOP per
 * CPU-second of the calling thread; (2) {@link Sgemm#serial} at n^3 with packing
 * and blocking, per CPU-second; (3) the threaded {@link Sgemm#gemm}, wall GFLOP/s. (1) against (2)
 * is the cost of packing and the edge/epilogue code, (2) against (3) that of the thread split.
 * Prints medians and the spread of several runs after a warm-up of several seconds' worth of calls.
 * Run from the repository root after {@code mvn -q -o -pl engine-cpu-fallback -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine-core/target/classes:engine-cpu-fallback/target/classes:engine-cpu-fallback/target/test-classes \
 *      io.github.convnet4j.cpu.SgemmBreakdown [runs]
 * </pre>
 */
public final class SgemmBreakdown {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private SgemmBreakdown() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        CpuThreads threads = CpuThreads.shared();
        MicroKernel kernel = MicroKernels.best();
        System.out.println(MicroKernels.vectorStatus() + "; kernel " + kernel.description() + " " + kernel.mr() + "x" + kernel.nr() + "; threads " + threads.size());
        kernelAlone(kernel, runs);
        Sgemm sgemm = new Sgemm(threads, new Workspaces(threads.size()), kernel);
        for (int n : new int[] {256, 1024}) {
            Random rng = new Random(n);
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            float[] c = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextFloat() - 0.5f;
                b[i] = rng.nextFloat() - 0.5f;
            }
            int reps = Math.max(1, (int) (1e9 / (2.0 * n * n * n)));
            double flop = 2.0 * n * n * n * reps;
            report("serial   " + n + "^3", "GFLOP/CPU-s", runs, true, flop,
                    () -> { for (int i = 0; i < reps; i++) sgemm.serial(0, false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n); });
            report("threaded " + n + "^3", "GFLOP/s wall", runs, false, flop,
                    () -> { for (int i = 0; i < reps; i++) sgemm.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n); });
        }
    }

    private static void kernelAlone(MicroKernel k, int runs) {
        int kc = Sgemm.KC;
        int mr = k.mr();
        int nr = k.nr();
        int aTiles = 96 / mr;
        int bTiles = 256 / nr;
        Random rng = new Random(3);
        float[] a = new float[aTiles * mr * kc];
        float[] b = new float[bTiles * nr * kc];
        for (int i = 0; i < a.length; i++) a[i] = rng.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = rng.nextFloat() - 0.5f;
        int ldc = bTiles * nr;
        float[] c = new float[aTiles * mr * ldc];
        double flop = 2.0 * 4 * aTiles * mr * bTiles * nr * kc;
        report("kernel alone", "GFLOP/CPU-s", runs, true, flop, () -> {
            for (int it = 0; it < 4; it++) {
                for (int j = 0; j < bTiles; j++) {
                    for (int i = 0; i < aTiles; i++) k.multiply(kc, a, i * mr * kc, b, j * nr * kc, c, i * mr * ldc + j * nr, ldc, 1f, 1f);
                }
            }
        });
    }

    /** Warms {@code body} up for about two seconds, then prints the median and spread of {@code runs} timings. */
    private static void report(String what, String unit, int runs, boolean cpuTime, double flop, Runnable body) {
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) body.run();
        double[] g = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            body.run();
            double sec = cpuTime ? (MX.getCurrentThreadCpuTime() - c0) / 1e9 : (System.nanoTime() - t0) / 1e9;
            g[r] = flop / sec / 1e9;
        }
        Arrays.sort(g);
        System.out.printf("%-18s %6.1f %s (median of %d, min %.1f, max %.1f)%n", what, g[runs / 2], unit, runs, g[0], g[runs - 1]);
    }
}
