package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.Random;

/**
 * A one-off measurement, not a unit test: F32 3-D convolution forward, backward data and backward
 * filter (with bias) on a few volume shapes, medians of several runs, wall and CPU milliseconds
 * (all threads), and a hash of every output's bits so two builds can be checked to compute the
 * same values. Run from the repository root after {@code mvn -q -o -pl engine-cpu-fallback -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine-core/target/classes:engine-cpu-fallback/target/classes:engine-cpu-fallback/target/test-classes \
 *      io.github.convnet4j.cpu.Conv3dBenchmark [runs=9] [filter: a substring of the case names]
 * </pre>
 */
public final class Conv3dBenchmark {
    private Conv3dBenchmark() {}

    private record Case(String name, int n, int c, int d, int k, int t, Conv3dParams p) {}

    private static final Case[] CASES = {
        new Case("8->16 16^3 k3 same", 8, 8, 16, 16, 3, Conv3dParams.of(1, 1, 1)),
        new Case("16->32 8^3 k3 valid", 8, 16, 8, 32, 3, Conv3dParams.of(1, 0, 1)),
        new Case("4->8 24^3 k3 stride 2 pad 1", 4, 4, 24, 8, 3, Conv3dParams.of(2, 1, 1)),
    };

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String filter = args.length > 1 ? args[1] : "";
        CpuBackend backend = new CpuBackend();
        System.out.println(backend.description());
        for (Case tc : CASES) {
            if (tc.name.contains(filter)) run(backend, tc, runs);
        }
    }

    private static void run(CpuBackend backend, Case tc, int runs) {
        int out = tc.p.outputDepth(tc.d, tc.t);
        Shape xs = Shape.of(tc.n, tc.c, tc.d, tc.d, tc.d);
        Shape ws = Shape.of(tc.k, tc.c, tc.t, tc.t, tc.t);
        Shape ys = Shape.of(tc.n, tc.k, out, out, out);
        Random rng = new Random(2);
        Tensor x = ConvBenchmark.fill(backend, xs, rng);
        Tensor w = ConvBenchmark.fill(backend, ws, rng);
        Tensor b = ConvBenchmark.fill(backend, Shape.of(tc.k), rng);
        Tensor dy = ConvBenchmark.fill(backend, ys, rng);
        Tensor y = backend.allocate(ys);
        Tensor dx = backend.allocate(xs);
        Tensor dw = backend.allocate(ws);
        Tensor db = backend.allocate(Shape.of(tc.k));
        double[][][] times = ConvBenchmark.timePasses(runs, op -> {
            switch (op) {
                case 0 -> backend.conv3d().forward(tc.p, x, w, b, y);
                case 1 -> backend.conv3d().backwardData(tc.p, dy, w, dx);
                default -> backend.conv3d().backwardFilter(tc.p, x, dy, dw, db);
            }
        });
        double[][] wall = times[0], cpu = times[1];
        StringBuilder line = new StringBuilder(String.format("%-28s", tc.name));
        String[] names = {"fwd", "bwd-data", "bwd-filter"};
        for (int op = 0; op < 3; op++) {
            line.append(String.format(" %s %.2f ms (%.2f CPU-ms)", names[op], StepBenchmark.median(wall[op]), StepBenchmark.median(cpu[op])));
        }
        line.append(String.format("; bits %08x", hash(backend, y) * 31 * 31 * 31 + hash(backend, dx) * 31 * 31 + hash(backend, dw) * 31 + hash(backend, db)));
        System.out.println(line);
        for (Tensor t : new Tensor[] {x, w, b, dy, y, dx, dw, db}) t.close();
    }

    private static int hash(CpuBackend backend, Tensor t) {
        float[] v = new float[(int) t.shape().size()];
        backend.download(t, v, 0);
        int h = 1;
        for (float f : v) h = 31 * h + Float.floatToRawIntBits(f);
        return h;
    }
}
