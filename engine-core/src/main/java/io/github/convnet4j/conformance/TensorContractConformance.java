package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;
import static io.github.convnet4j.conformance.Cases.expect;

/**
 * The backend-wide contract on the backend under test alone: allocation is zero-filled (also
 * after a freed buffer of the same size), uploads and downloads round-trip exactly (special
 * values and offsets included), double uploads round to nearest float, reshaped views share
 * memory, F64 is either supported exactly or refused with a {@link BackendException}, and ops
 * given mismatched shapes throw a {@link BackendException} that says something.
 */
final class TensorContractConformance {
    private TensorContractConformance() {}

    static Stream<CaseNode> tests(BackendPair pair) {
        Backend b = pair.test;
        return Stream.of(group("tensor contract", Stream.of(
                test("allocate is zero-filled, also after reuse", pair, s -> zeroFilled(b)),
                test("float upload/download round-trips exactly with offsets", pair, s -> floatRoundTrip(b)),
                test("double upload rounds to float32", pair, s -> doubleUpload(b)),
                test("reshape is a view of the same memory", pair, s -> reshapeView(b)),
                test("F64 round-trips exactly or is refused", pair, s -> f64(b)))),
                group("shape mismatch throws BackendException", Stream.of(
                        test("conv forward with a wrong output shape", pair, s -> conv(b)),
                        test("gemm with mismatched inner dimensions", pair, s -> gemm(b)),
                        test("pool forward with a wrong output shape", pair, s -> pool(b)),
                        test("add with unequal sizes", pair, s -> add(b)),
                        test("batch norm with a wrong channel count", pair, s -> batchNorm(b)),
                        test("loss with mismatched target shape", pair, s -> loss(b)))));
    }

    private static void zeroFilled(Backend b) {
        Shape shape = Shape.of(3, 257);
        float[] junk = new float[771];
        Arrays.fill(junk, 7.5f);
        try (Tensor first = b.allocate(shape)) {
            expect(Arrays.equals(new float[771], download(b, first)), "a new tensor must be zero-filled");
            b.upload(junk, 0, first);
        }
        try (Tensor second = b.allocate(shape)) {
            expect(Arrays.equals(new float[771], download(b, second)), "a tensor allocated after freeing one of the same size must be zero-filled");
        }
    }

    private static void floatRoundTrip(Backend b) {
        float[] special = {0f, -0f, 1f, -1.5f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, 1e-40f, 3.1415927f, -2.7182817f};
        float[] src = new float[special.length + 3];
        System.arraycopy(special, 0, src, 3, special.length);
        try (Tensor t = b.allocate(Shape.of(special.length))) {
            b.upload(src, 3, t);
            float[] dst = new float[special.length + 5];
            b.download(t, dst, 5);
            for (int i = 0; i < special.length; i++) {
                expect(Float.floatToIntBits(special[i]) == Float.floatToIntBits(dst[i + 5]),
                        "element " + i + " (" + special[i] + ") after a round trip: got " + dst[i + 5]);
            }
            for (int i = 0; i < 5; i++) expect(dst[i] == 0f, "download must not write before its offset: element " + i + " is " + dst[i]);
        }
    }

    private static void doubleUpload(Backend b) {
        double[] values = {0.1, -1.0 / 3, 1e-3, 123456.789, Math.PI};
        try (Tensor t = b.allocate(Shape.of(values.length))) {
            b.upload(values, 0, t);
            double[] back = new double[values.length];
            b.download(t, back, 0);
            for (int i = 0; i < values.length; i++) {
                expect((double) (float) values[i] == back[i], "value " + values[i] + " in an F32 tensor: got " + back[i] + ", expected " + (float) values[i]);
            }
        }
    }

    private static void reshapeView(Backend b) {
        float[] v = floats(new Data(21).uniform(Shape.of(24)));
        try (Tensor t = b.allocate(Shape.of(2, 3, 4))) {
            b.upload(v, 0, t);
            Tensor view = t.reshape(Shape.of(6, 4));
            expect(Arrays.equals(v, download(b, view)), "a reshaped view reads the same memory");
            b.elementwise().scale(view, 2);
            float[] doubled = download(b, t);
            for (int i = 0; i < v.length; i++) expect(2 * v[i] == doubled[i], "writes through a view are seen by the original: element " + i);
        }
    }

    private static void f64(Backend b) {
        if (!b.supports(DType.F64)) {
            expectThrows("allocating F64 where it is not supported", () -> b.allocate(Shape.of(4), DType.F64));
            return;
        }
        double[] v = {Math.PI, -1e-300, 1.0 / 3, Double.MAX_VALUE};
        try (Tensor t = b.allocate(Shape.of(4), DType.F64)) {
            expect(t.dtype() == DType.F64, "an F64 allocation has dtype " + t.dtype());
            b.upload(v, 0, t);
            double[] back = new double[4];
            b.download(t, back, 0);
            expect(Arrays.equals(v, back), "F64 must round-trip exactly: got " + Arrays.toString(back));
        }
    }

    private static void conv(Backend b) {
        try (Tensor x = b.allocate(Shape.of(1, 3, 8, 8)); Tensor w = b.allocate(Shape.of(4, 3, 3, 3)); Tensor y = b.allocate(Shape.of(1, 4, 7, 7))) {
            expectThrows(() -> b.conv().forward(ConvParams.of(1, 0, 1), x, w, null, y));   // needs (1, 4, 6, 6)
        }
    }

    private static void gemm(Backend b) {
        try (Tensor a = b.allocate(Shape.of(3, 4)); Tensor m = b.allocate(Shape.of(5, 2)); Tensor c = b.allocate(Shape.of(3, 2))) {
            expectThrows(() -> b.gemm().gemm(false, false, 1, a, m, 0, c));
        }
    }

    private static void pool(Backend b) {
        try (Tensor x = b.allocate(Shape.of(1, 2, 6, 6)); Tensor y = b.allocate(Shape.of(1, 2, 2, 2))) {
            expectThrows(() -> b.pool().forward(new PoolParams(PoolParams.Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0), x, y));
        }
    }

    private static void add(Backend b) {
        try (Tensor x = b.allocate(Shape.of(10)); Tensor y = b.allocate(Shape.of(11)); Tensor out = b.allocate(Shape.of(10))) {
            expectThrows(() -> b.elementwise().add(x, y, out));
        }
    }

    private static void batchNorm(Backend b) {
        try (Tensor x = b.allocate(Shape.of(2, 3, 4, 4)); Tensor c4 = b.allocate(Shape.of(4)); Tensor c3 = b.allocate(Shape.of(3));
             Tensor y = b.allocate(Shape.of(2, 3, 4, 4))) {
            expectThrows(() -> b.normalization().forwardInference(new BatchNormParams(1e-3, 0.1), x, c4, c3, c3, c3, y));
        }
    }

    private static void loss(Backend b) {
        try (Tensor o = b.allocate(Shape.of(4, 3)); Tensor t = b.allocate(Shape.of(4, 2))) {
            expectThrows(() -> b.loss().forwardBackward(LossKind.MEAN_SQUARED_ERROR, o, t, null));
        }
    }

    private static void expectThrows(Runnable op) { expectThrows("an op given mismatched shapes", op); }

    private static void expectThrows(String what, Runnable op) {
        BackendException e = Cases.expectThrows(BackendException.class, op, what);
        expect(e.getMessage() != null && !e.getMessage().isBlank(), "a BackendException must say what went wrong");
    }

    private static float[] download(Backend b, Tensor t) {
        float[] f = new float[Math.toIntExact(t.size())];
        b.download(t, f, 0);
        return f;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
