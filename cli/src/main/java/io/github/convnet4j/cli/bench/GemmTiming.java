package io.github.convnet4j.cli.bench;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * SGEMM throughput of a backend on square matrices: {@code C = A·B} with A, B, C {@code (n, n)}
 * float32, no transposes, beta 0; {@code 2n³} floating-point operations per call.
 *
 * @param n       the matrix size
 * @param seconds median seconds of one call
 */
public record GemmTiming(int n, double seconds) {
    /** GFLOP/s: {@code 2n³ / seconds / 1e9}. */
    public double gflops() { return 2.0 * n * n * n / seconds / 1e9; }

    /**
     * Untimed calls before the timed ones, for at least this long. The timer's own single warm-up
     * call is not enough for a JIT-compiled backend: on the CPU backend the 256³ median landed
     * anywhere from 59 to 109 GFLOP/s run to run while C2 was still compiling SGEMM's paths.
     */
    static final double WARMUP_SECONDS = 0.5;

    /** Times {@code n×n×n} SGEMM on {@code backend}, after {@link #WARMUP_SECONDS} of untimed calls. */
    public static GemmTiming measure(Backend backend, int n, OpTimer timer) {
        Shape s = Shape.of(n, n);
        try (Tensor a = backend.allocate(s, DType.F32); Tensor b = backend.allocate(s, DType.F32); Tensor c = backend.allocate(s, DType.F32)) {
            SplittableRandom r = new SplittableRandom(n);
            float[] v = new float[n * n];
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
            backend.upload(v, 0, a);
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
            backend.upload(v, 0, b);
            Runnable op = () -> backend.gemm().gemm(false, false, 1, a, b, 0, c);
            long until = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
            do {
                op.run();
                backend.synchronize();
            } while (System.nanoTime() < until);
            return new GemmTiming(n, timer.medianSeconds(backend, op));
        }
    }
}
