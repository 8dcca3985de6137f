package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.Random;
import java.util.function.IntConsumer;

/**
 * A one-off measurement, not a unit test: F32 convolution forward, backward data and backward filter
 * (with bias) on the convolutions of keras-mnist and vgg-small (and the 3 -> 64 case) at batch 64, medians of several runs,
 * wall and CPU milliseconds (all threads). {@code -Dconvnet.cpu.conv=im2col} measures the im2col path.
 * Run from the repository root after {@code mvn -q -o -pl engine-cpu-fallback -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine-core/target/classes:engine-cpu-fallback/target/classes:engine-cpu-fallback/target/test-classes \
 *      io.github.convnet4j.cpu.ConvBenchmark [runs=9] [filter: a substring of the case names]
 * </pre>
 */
public final class ConvBenchmark {
    private ConvBenchmark() {}

    private record Case(String name, int n, int c, int h, int k, int r, ConvParams p) {}

    private static final Case[] CASES = {
        new Case("mnist conv1 1->32 28x28", 64, 1, 28, 32, 3, ConvParams.of(1, 0, 1)),
        new Case("mnist conv2 32->64 13x13", 64, 32, 13, 64, 3, ConvParams.of(1, 0, 1)),
        new Case("mnist conv3 64->64 5x5", 64, 64, 5, 64, 3, ConvParams.of(1, 0, 1)),
        new Case("issue 3->64 32x32 pad 1", 64, 3, 32, 64, 3, ConvParams.of(1, 1, 1)),
        new Case("vgg conv1 3->32 32x32 same", 64, 3, 32, 32, 3, ConvParams.of(1, 1, 1)),
        new Case("vgg conv2 32->32 32x32 same", 64, 32, 32, 32, 3, ConvParams.of(1, 1, 1)),
        new Case("vgg conv3 32->64 16x16 same", 64, 32, 16, 64, 3, ConvParams.of(1, 1, 1)),
        new Case("vgg conv4 64->64 16x16 same", 64, 64, 16, 64, 3, ConvParams.of(1, 1, 1)),
        new Case("vgg conv5 64->128 8x8 same", 64, 64, 8, 128, 3, ConvParams.of(1, 1, 1)),
        new Case("vgg conv6 128->128 8x8 same", 64, 128, 8, 128, 3, ConvParams.of(1, 1, 1)),
    };

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String filter = args.length > 1 ? args[1] : "";
        CpuBackend backend = new CpuBackend();
        System.out.println(backend.description() + "; conv path " + System.getProperty("convnet.cpu.conv", "implicit"));
        for (Case tc : CASES) {
            if (tc.name.contains(filter)) run(backend, tc, runs);
        }
    }

    private static void run(CpuBackend backend, Case tc, int runs) {
        int out = tc.p.outputHeight(tc.h, tc.r);
        Shape xs = Shape.of(tc.n, tc.c, tc.h, tc.h);
        Shape ws = Shape.of(tc.k, tc.c, tc.r, tc.r);
        Shape ys = Shape.of(tc.n, tc.k, out, out);
        Random rng = new Random(2);
        Tensor x = fill(backend, xs, rng);
        Tensor w = fill(backend, ws, rng);
        Tensor b = fill(backend, Shape.of(tc.k), rng);
        Tensor dy = fill(backend, ys, rng);
        Tensor y = backend.allocate(ys);
        Tensor dx = backend.allocate(xs);
        Tensor dw = backend.allocate(ws);
        Tensor db = backend.allocate(Shape.of(tc.k));
        double[][][] times = timePasses(runs, op -> {
            switch (op) {
                case 0 -> backend.conv().forward(tc.p, x, w, b, y);
                case 1 -> backend.conv().backwardData(tc.p, dy, w, dx);
                default -> backend.conv().backwardFilter(tc.p, x, dy, dw, db);
            }
        });
        double[][] wall = times[0], cpu = times[1];
        double gflop = 2.0 * tc.n * tc.k * out * out * tc.c * tc.r * tc.r / 1e9;
        double total = 0;
        StringBuilder line = new StringBuilder(String.format("%-30s %.3f GFLOP/pass:", tc.name, gflop));
        String[] names = {"fwd", "bwd-data", "bwd-filter"};
        for (int op = 0; op < 3; op++) {
            double m = StepBenchmark.median(wall[op]);
            total += m;
            line.append(String.format(" %s %.2f ms (%.2f CPU-ms, %.0f GFLOP/s)", names[op], m, StepBenchmark.median(cpu[op]), gflop / m * 1e3));
        }
        line.append(String.format("; total %.2f ms, %.0f GFLOP/s", total, 3 * gflop / total * 1e3));
        System.out.println(line);
        for (Tensor t : new Tensor[] {x, w, b, dy, y, dx, dw, db}) t.close();
    }

    /**
     * Times passes 0 (forward), 1 (backward data) and 2 (backward filter) in turn, three untimed
     * rounds then {@code runs} timed ones: {@code {wall, cpu}[pass][run]} in milliseconds.
     */
    static double[][][] timePasses(int runs, IntConsumer pass) {
        double[][] wall = new double[3][runs];
        double[][] cpu = new double[3][runs];
        for (int r = -3; r < runs; r++) {
            for (int op = 0; op < 3; op++) {
                long c0 = StepBenchmark.CpuBenchmarkTime.processCpuNanos();
                long t0 = System.nanoTime();
                pass.accept(op);
                if (r < 0) continue;
                wall[op][r] = (System.nanoTime() - t0) / 1e6;
                cpu[op][r] = (StepBenchmark.CpuBenchmarkTime.processCpuNanos() - c0) / 1e6;
            }
        }
        return new double[][][] {wall, cpu};
    }

    /** A tensor of uniform values in [-0.5, 0.5). */
    static Tensor fill(CpuBackend backend, Shape s, Random rng) {
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextFloat() - 0.5f;
        Tensor t = backend.allocate(s);
        backend.upload(v, 0, t);
        return t;
    }
}
