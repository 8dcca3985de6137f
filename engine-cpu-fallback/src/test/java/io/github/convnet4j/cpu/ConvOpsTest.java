package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.read;
import static io.github.convnet4j.cpu.TestSupport.readFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The F32 convolution (im2col + SGEMM) against the F64 direct-loop reference, and the reference by hand. */
class ConvOpsTest {
    record Case(String name, int n, int c, int h, int w, int k, int r, int s, ConvParams p) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("3x3 pad 1", 2, 3, 8, 8, 4, 3, 3, ConvParams.of(1, 1, 1)),
                new Case("3x3 stride 2 pad 1", 2, 3, 9, 9, 5, 3, 3, ConvParams.of(2, 1, 1)),
                new Case("2x2 asymmetric same padding", 2, 3, 7, 9, 5, 2, 2, new ConvParams(1, 1, 0, 0, 1, 1, 1, 1)),
                new Case("4x4 stride 2 asymmetric pad", 1, 2, 8, 8, 3, 4, 4, new ConvParams(2, 2, 1, 1, 2, 2, 1, 1)),
                new Case("3x3 dilation 2", 2, 3, 9, 9, 4, 3, 3, ConvParams.of(1, 2, 2)),
                new Case("mixed stride, dilation, padding", 3, 2, 11, 10, 3, 3, 2, new ConvParams(2, 1, 2, 0, 1, 3, 2, 3)),
                new Case("1x1 identity lowering", 3, 8, 5, 5, 6, 1, 1, ConvParams.of(1, 0, 1)),
                new Case("1x1 stride 2", 2, 4, 7, 7, 6, 1, 1, ConvParams.of(2, 0, 1)),
                new Case("5x5 pad 2", 2, 3, 12, 12, 5, 5, 5, ConvParams.of(1, 2, 1)),
                new Case("batch 1, 7x9, C=3, K=5", 1, 3, 7, 9, 5, 3, 3, ConvParams.of(1, 0, 1)),
                new Case("CRS > KC (k-blocked GEMM), N >= threads", 4, 32, 10, 10, 20, 3, 3, ConvParams.of(1, 1, 1)),
                new Case("CRS > KC, batch 1 (threaded GEMM)", 1, 32, 10, 10, 20, 3, 3, ConvParams.of(1, 1, 1)),
                new Case("PQ > NC panel", 2, 2, 36, 36, 3, 3, 3, ConvParams.of(1, 1, 1)),
                new Case("more images than filter slices", 21, 2, 6, 5, 3, 3, 3, ConvParams.of(1, 1, 1)),
                new Case("first layer C=1 K=32 (transposed filter GEMM)", 3, 1, 12, 12, 32, 3, 3, ConvParams.of(1, 0, 1)),
                new Case("first layer, batch 1 (one slice, transposed)", 1, 1, 12, 12, 32, 3, 3, ConvParams.of(1, 1, 1)),
                new Case("keras-mnist conv2 shape, small batch", 3, 32, 13, 13, 64, 3, 3, ConvParams.of(1, 0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void f32MatchesF64Reference(Case tc) {
        Random rng = new Random(tc.name().hashCode());
        Shape xs = Shape.of(tc.n, tc.c, tc.h, tc.w);
        Shape ws = Shape.of(tc.k, tc.c, tc.r, tc.s);
        Shape ys = Shape.of(tc.n, tc.k, tc.p.outputHeight(tc.h, tc.r), tc.p.outputWidth(tc.w, tc.s));
        double[] x = random(rng, xs.size());
        double[] w = random(rng, ws.size());
        double[] b = random(rng, tc.k);
        double[] dy = random(rng, ys.size());
        int crs = tc.c * tc.r * tc.s;

        Tensor y64 = f64(ys, new double[(int) ys.size()]);
        Tensor y32 = garbage(DType.F32, ys);
        BACKEND.conv().forward(tc.p, f64(xs, x), f64(ws, w), f64(Shape.of(tc.k), b), y64);
        BACKEND.conv().forward(tc.p, f32(xs, x), f32(ws, w), f32(Shape.of(tc.k), b), y32);
        assertClose(tc + " forward", read(y64), read(y32), 1e-6 * crs, 1e-5);

        Tensor dx64 = garbage(DType.F64, xs);
        Tensor dx32 = garbage(DType.F32, xs);
        BACKEND.conv().backwardData(tc.p, f64(ys, dy), f64(ws, w), dx64);
        BACKEND.conv().backwardData(tc.p, f32(ys, dy), f32(ws, w), dx32);
        assertClose(tc + " backward data", read(dx64), read(dx32), 1e-6 * tc.k * tc.r * tc.s, 1e-5);

        Tensor dw64 = garbage(DType.F64, ws);
        Tensor dw32 = garbage(DType.F32, ws);
        Tensor db64 = garbage(DType.F64, Shape.of(tc.k));
        Tensor db32 = garbage(DType.F32, Shape.of(tc.k));
        BACKEND.conv().backwardFilter(tc.p, f64(xs, x), f64(ys, dy), dw64, db64);
        BACKEND.conv().backwardFilter(tc.p, f32(xs, x), f32(ys, dy), dw32, db32);
        long terms = ys.size() / tc.k;
        assertClose(tc + " backward filter dw", read(dw64), read(dw32), 1e-6 * terms, 1e-5);
        assertClose(tc + " backward filter dbias", read(db64), read(db32), 1e-6 * terms, 1e-5);
    }

    @Test
    void forwardWithoutBiasAndBackwardFilterWithoutBias() {
        Random rng = new Random(7);
        ConvParams p = ConvParams.of(1, 1, 1);
        Shape xs = Shape.of(2, 3, 6, 6);
        Shape ws = Shape.of(4, 3, 3, 3);
        Shape ys = Shape.of(2, 4, 6, 6);
        double[] x = random(rng, xs.size());
        double[] w = random(rng, ws.size());
        double[] dy = random(rng, ys.size());
        Tensor y64 = garbage(DType.F64, ys);
        Tensor y32 = garbage(DType.F32, ys);
        BACKEND.conv().forward(p, f64(xs, x), f64(ws, w), null, y64);
        BACKEND.conv().forward(p, f32(xs, x), f32(ws, w), null, y32);
        assertClose("forward without bias", read(y64), read(y32), 1e-5, 1e-5);
        Tensor dw32 = garbage(DType.F32, ws);
        Tensor dw64 = garbage(DType.F64, ws);
        BACKEND.conv().backwardFilter(p, f64(xs, x), f64(ys, dy), dw64, null);
        BACKEND.conv().backwardFilter(p, f32(xs, x), f32(ys, dy), dw32, null);
        assertClose("backward filter without dbias", read(dw64), read(dw32), 1e-4, 1e-5);
    }

    /**
     * x = 1..9 row-major in a 3x3 image, pad 1, filter [[1,2,0],[0,0,0],[0,0,-1]], bias 0.5, so
     * y[p,q] = x[p-1,q-1] + 2 x[p-1,q] - x[p+1,q+1] + 0.5 with zeros outside; worked out by hand.
     * The filter is not symmetric, so a flipped (true) convolution would fail.
     */
    @Test
    void referenceWorkedByHand() {
        for (DType dt : DType.values()) {
            ConvParams p = ConvParams.of(1, 1, 1);
            Tensor x = TestSupport.tensor(dt, Shape.of(1, 1, 3, 3), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
            Tensor w = TestSupport.tensor(dt, Shape.of(1, 1, 3, 3), new double[] {1, 2, 0, 0, 0, 0, 0, 0, -1});
            Tensor b = TestSupport.tensor(dt, Shape.of(1), new double[] {0.5});
            Tensor y = garbage(dt, Shape.of(1, 1, 3, 3));
            BACKEND.conv().forward(p, x, w, b, y);
            assertArrayEquals(new double[] {-4.5, -5.5, 0.5, -5.5, -3.5, 8.5, 8.5, 14.5, 17.5}, read(y), dt + " forward");

            Tensor ones = TestSupport.tensor(dt, Shape.of(1, 1, 3, 3), new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
            Tensor dx = garbage(dt, Shape.of(1, 1, 3, 3));
            BACKEND.conv().backwardData(p, ones, w, dx);
            assertArrayEquals(new double[] {3, 3, 2, 3, 2, 1, 0, -1, -1}, read(dx), dt + " backward data");

            Tensor dw = garbage(dt, Shape.of(1, 1, 3, 3));
            Tensor db = garbage(dt, Shape.of(1));
            BACKEND.conv().backwardFilter(p, x, ones, dw, db);
            // dw[r,s] = sum of the x values tap (r,s) meets: e.g. centre 45, corner (0,0) 1+2+4+5.
            assertArrayEquals(new double[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, read(dw), dt + " backward filter");
            assertArrayEquals(new double[] {9}, read(db), dt + " dbias");
        }
    }

    @Test
    void multithreadedF32IsBitIdenticalRunToRunAndToOneImageAtATime() {
        Random rng = new Random(11);
        ConvParams p = ConvParams.of(1, 1, 1);
        int n = 8;
        Shape xs = Shape.of(n, 16, 12, 12);
        Shape ws = Shape.of(24, 16, 3, 3);
        Shape ys = Shape.of(n, 24, 12, 12);
        Tensor x = f32(xs, random(rng, xs.size()));
        Tensor w = f32(ws, random(rng, ws.size()));
        Tensor b = f32(Shape.of(24), random(rng, 24));
        Tensor dy = f32(ys, random(rng, ys.size()));
        float[][] first = runAll(p, x, w, b, dy, xs, ws, ys);
        float[][] second = runAll(p, x, w, b, dy, xs, ws, ys);
        for (int i = 0; i < first.length; i++) assertBitIdentical("run 2 output " + i, first[i], second[i]);

        // Image 3 alone takes the other schedule (one image, threaded GEMM): same bits.
        int img = 3;
        int xLen = xs.sampleSize();
        int yLen = ys.sampleSize();
        float[] xAll = readFloats(x);
        float[] dyAll = readFloats(dy);
        Tensor x1 = BACKEND.allocate(xs.withBatch(1));
        BACKEND.upload(xAll, img * xLen, x1);
        Tensor dy1 = BACKEND.allocate(ys.withBatch(1));
        BACKEND.upload(dyAll, img * yLen, dy1);
        Tensor y1 = BACKEND.allocate(ys.withBatch(1));
        BACKEND.conv().forward(p, x1, w, b, y1);
        assertBitIdentical("forward of one image", java.util.Arrays.copyOfRange(first[0], img * yLen, (img + 1) * yLen), readFloats(y1));
        Tensor dx1 = BACKEND.allocate(xs.withBatch(1));
        BACKEND.conv().backwardData(p, dy1, w, dx1);
        assertBitIdentical("backward data of one image", java.util.Arrays.copyOfRange(first[1], img * xLen, (img + 1) * xLen), readFloats(dx1));
    }

    private static float[][] runAll(ConvParams p, Tensor x, Tensor w, Tensor b, Tensor dy, Shape xs, Shape ws, Shape ys) {
        Tensor y = BACKEND.allocate(ys);
        Tensor dx = BACKEND.allocate(xs);
        Tensor dw = BACKEND.allocate(ws);
        Tensor db = BACKEND.allocate(Shape.of(ws.dim(0)));
        BACKEND.conv().forward(p, x, w, b, y);
        BACKEND.conv().backwardData(p, dy, w, dx);
        BACKEND.conv().backwardFilter(p, x, dy, dw, db);
        return new float[][] {readFloats(y), readFloats(dx), readFloats(dw), readFloats(db)};
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        Tensor x = BACKEND.allocate(Shape.of(8, 1, 28, 28));
        Tensor w = BACKEND.allocate(Shape.of(32, 3, 3, 3));
        Tensor y = BACKEND.allocate(Shape.of(8, 32, 26, 26));
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.conv().forward(ConvParams.of(1, 0, 1), x, w, null, y));
        assertTrue(e.getMessage().contains("conv forward: w (32, 3, 3, 3) does not match x (8, 1, 28, 28): channels 3 != 1"), e.getMessage());

        Tensor w1 = BACKEND.allocate(Shape.of(32, 1, 3, 3));
        Tensor badY = BACKEND.allocate(Shape.of(8, 32, 28, 28));
        e = assertThrows(BackendException.class, () -> BACKEND.conv().forward(ConvParams.of(1, 0, 1), x, w1, null, badY));
        assertTrue(e.getMessage().startsWith("conv forward: y (8, 32, 28, 28) should be (8, 32, 26, 26)"), e.getMessage());

        Tensor dy = BACKEND.allocate(Shape.of(8, 16, 26, 26));
        e = assertThrows(BackendException.class, () -> BACKEND.conv().backwardFilter(ConvParams.of(1, 0, 1), x, dy, w1, null));
        assertTrue(e.getMessage().startsWith("conv backward filter: dy (8, 16, 26, 26)"), e.getMessage());

        Tensor x64 = BACKEND.allocate(Shape.of(8, 1, 28, 28), DType.F64);
        e = assertThrows(BackendException.class, () -> BACKEND.conv().forward(ConvParams.of(1, 0, 1), x64, w1, null, y));
        assertTrue(e.getMessage().startsWith("conv forward: w is F32 but x is F64"), e.getMessage());

        Tensor img = BACKEND.allocate(Shape.of(1, 1, 3, 3));
        Tensor one = BACKEND.allocate(Shape.of(1, 1, 1, 1));
        e = assertThrows(BackendException.class, () -> BACKEND.conv().forward(ConvParams.of(1, 0, 1), img, one, null, img));
        assertTrue(e.getMessage().startsWith("conv forward: y (1, 1, 3, 3) shares memory with x (1, 1, 3, 3)"), e.getMessage());

        Tensor tiny = BACKEND.allocate(Shape.of(1, 1, 2, 2));
        e = assertThrows(BackendException.class, () -> BACKEND.conv().forward(ConvParams.of(1, 0, 1), tiny, w1, null, y));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }
}
