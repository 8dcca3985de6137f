package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * A one-off measurement, not a unit test: SGEMM GFLOP/s at 256^3 and 1024^3 for each usable kernel
 * width, and the F32 convolution forward + backward time of the keras-mnist second convolution
 * (N=64, 32 -> 64 channels, 13x13, 3x3). Prints medians of several runs. Run from the repository
 * root after {@code mvn -q -o -pl engine-cpu-fallback -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine-core/target/classes:engine-cpu-fallback/target/classes:engine-cpu-fallback/target/test-classes \
 *      io.github.convnet4j.cpu.CpuBenchmark [runs]
 * </pre>
 * Without {@code --add-modules} only the scalar kernel is measured. Measure one kernel width per JVM
 * ({@code -Dconvnet.cpu.vectorBits=256} and a second argument {@code 256}): on JDK 17 a second vector
 * shape in the same JVM makes C2 stop intrinsifying the first (see {@link MicroKernels#vectorBits}).
 */
public final class CpuBenchmark {
    private CpuBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        CpuThreads threads = CpuThreads.shared();
        System.out.println("threads " + threads.size() + "; " + MicroKernels.vectorStatus() + "; default kernel " + MicroKernels.best().description());
        int[] widths = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {MicroKernels.vectorBits()};
        for (int bits : widths) {
            MicroKernel k = MicroKernels.ofBits(bits);
            if (k == null) continue;
            Sgemm sgemm = new Sgemm(threads, new Workspaces(threads.size()), k);
            for (int n : new int[] {256, 1024}) {
                if (bits == 0 && n == 1024 && runs > 3) continue;
                double gf = sgemmGflops(sgemm, n, runs);
                System.out.printf("sgemm %-22s %4d^3: %7.1f GFLOP/s wall, %7.1f GFLOP per CPU-second (medians of %d)%n",
                        k.description(), n, gf, lastPerCore, runs);
            }
        }
        CpuBackend backend = new CpuBackend();
        conv(backend, runs);
    }

    private static double sgemmGflops(Sgemm sgemm, int n, int runs) {
        Random rng = new Random(1);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat() - 0.5f;
            b[i] = rng.nextFloat() - 0.5f;
        }
        int reps = Math.max(1, (int) (2e8 / (2.0 * n * n * n)));
        // A second of warm-up: three calls left C2 compiling SGEMM's paths during the 256^3 timing.
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmUntil) sgemm.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        double[] secs = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) sgemm.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            secs[r] = (System.nanoTime() - t0) / 1e9 / reps;
            cpu[r] = (processCpuNanos() - c0) / 1e9 / reps;
        }
        double flop = 2.0 * n * n * n;
        lastPerCore = flop / median(cpu) / 1e9;
        return flop / median(secs) / 1e9;
    }

    /** GFLOP per CPU-second of the last SGEMM measurement: what one core delivers, whatever the load. */
    private static double lastPerCore;

    /**
     * CPU time of all Java threads (the caller and the pool workers), in nanoseconds; on a shared,
     * overloaded machine this is steadier than wall time.
     */
    private static long processCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t > 0) sum += t;
        }
        return sum;
    }

    private static void conv(CpuBackend backend, int runs) {
        ConvParams p = ConvParams.of(1, 0, 1);
        Shape xs = Shape.of(64, 32, 13, 13);
        Shape ws = Shape.of(64, 32, 3, 3);
        Shape ys = Shape.of(64, 64, 11, 11);
        Random rng = new Random(2);
        Tensor x = fill(backend, xs, rng);
        Tensor w = fill(backend, ws, rng);
        Tensor b = fill(backend, Shape.of(64), rng);
        Tensor dy = fill(backend, ys, rng);
        Tensor y = backend.allocate(ys);
        Tensor dx = backend.allocate(xs);
        Tensor dw = backend.allocate(ws);
        Tensor db = backend.allocate(Shape.of(64));
        double[] fwd = new double[runs];
        double[] bwdData = new double[runs];
        double[] bwdFilter = new double[runs];
        double[] cpu = new double[runs];
        for (int r = -3; r < runs; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            backend.conv().forward(p, x, w, b, y);
            long t1 = System.nanoTime();
            backend.conv().backwardData(p, dy, w, dx);
            long t2 = System.nanoTime();
            backend.conv().backwardFilter(p, x, dy, dw, db);
            long t3 = System.nanoTime();
            if (r < 0) continue;
            cpu[r] = (processCpuNanos() - c0) / 1e6;
            fwd[r] = (t1 - t0) / 1e6;
            bwdData[r] = (t2 - t1) / 1e6;
            bwdFilter[r] = (t3 - t2) / 1e6;
        }
        double gflop = 2.0 * 64 * 64 * 121 * 288 / 1e9;
        System.out.printf("conv N=64 32->64 13x13 3x3 (%.2f GFLOP per pass): forward %.2f ms (%.1f GFLOP/s), "
                        + "backward data %.2f ms, backward filter %.2f ms, total %.2f ms wall, %.2f CPU-ms (medians of %d)%n",
                gflop, median(fwd), gflop / median(fwd) * 1e3, median(bwdData), median(bwdFilter),
                median(fwd) + median(bwdData) + median(bwdFilter), median(cpu), runs);
    }

    private static Tensor fill(CpuBackend backend, Shape s, Random rng) {
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextFloat() - 0.5f;
        Tensor t = backend.allocate(s);
        backend.upload(v, 0, t);
        return t;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
