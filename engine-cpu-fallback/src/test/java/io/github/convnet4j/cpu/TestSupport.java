package io.github.convnet4j.cpu;

import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the CPU backend tests: seeded data, F32/F64 twins, and the tolerance rule. */
final class TestSupport {
    private TestSupport() {}

    /** One backend for the whole test run (the worker pool is JVM-wide anyway). */
    static final CpuBackend BACKEND = new CpuBackend();

    /** Values uniform in [-1, 1), rounded to float so F32 and F64 twins hold identical inputs. */
    static double[] random(Random rng, long n) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
        return v;
    }

    /** Values uniform in [lo, hi), rounded to float. */
    static double[] random(Random rng, long n, double lo, double hi) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (lo + rng.nextDouble() * (hi - lo));
        return v;
    }

    /** A tensor of {@code dtype} holding {@code values}. */
    static Tensor tensor(DType dtype, Shape shape, double[] values) {
        Tensor t = BACKEND.allocate(shape, dtype);
        BACKEND.upload(values, 0, t);
        return t;
    }

    static Tensor f32(Shape shape, double[] values) { return tensor(DType.F32, shape, values); }

    static Tensor f64(Shape shape, double[] values) { return tensor(DType.F64, shape, values); }

    /** A tensor filled with NaN, to prove that an op overwrites its output. */
    static Tensor garbage(DType dtype, Shape shape) {
        double[] v = new double[Math.toIntExact(shape.size())];
        java.util.Arrays.fill(v, Double.NaN);
        return tensor(dtype, shape, v);
    }

    static double[] read(Tensor t) {
        double[] v = new double[Math.toIntExact(t.size())];
        BACKEND.download(t, v, 0);
        return v;
    }

    static float[] readFloats(Tensor t) {
        float[] v = new float[Math.toIntExact(t.size())];
        BACKEND.download(t, v, 0);
        return v;
    }

    /**
     * Fails unless {@code |actual - expected| <= atol + rtol |expected|} everywhere, naming the first
     * mismatching indices and the worst error. NaN anywhere is a mismatch.
     */
    static void assertClose(String what, double[] expected, double[] actual, double atol, double rtol) {
        if (expected.length != actual.length) fail(what + ": length " + actual.length + " != " + expected.length);
        StringBuilder bad = new StringBuilder();
        int mismatches = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            boolean ok = err <= atol + rtol * Math.abs(expected[i]);
            if (!ok || Double.isNaN(err)) {
                if (mismatches < 5) {
                    bad.append(String.format("%n  [%d] expected %.9g got %.9g (|diff| %.3g)", i, expected[i], actual[i], err));
                }
                mismatches++;
            }
            if (!(err <= worst)) worst = err;
        }
        if (mismatches > 0) {
            fail(what + ": " + mismatches + " of " + expected.length + " values outside atol " + atol + " + rtol " + rtol
                    + ", worst |diff| " + worst + "; first at" + bad);
        }
    }

    /** Exact equality, for bit-reproducibility checks. */
    static void assertBitIdentical(String what, float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                fail(what + ": first difference at [" + i + "]: " + a[i] + " vs " + b[i]);
            }
        }
    }
}
