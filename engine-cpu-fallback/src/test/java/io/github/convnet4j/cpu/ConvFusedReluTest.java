package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvOps;
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
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.read;
import static io.github.convnet4j.cpu.TestSupport.readFloats;
import static io.github.convnet4j.cpu.TestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolutions with a fused ReLU give the bits of the convolution followed by the activation op
 * (forward), and of the activation's backward followed by the convolution's backward ops, on every
 * F32 path: the row kernel, the gather kernel, im2col for short reductions, the full-convolution and
 * the column backward data; and on the F64 reference.
 */
class ConvFusedReluTest {
    record Case(String name, int n, int c, int h, int w, int k, ConvParams p, boolean bias) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("same 3x3, 16 -> 8 channels, rows of 16 (row kernel)", 2, 16, 8, 16, 8, ConvParams.of(1, 1, 1), true),
                new Case("same 3x3 without bias", 2, 16, 8, 16, 8, ConvParams.of(1, 1, 1), false),
                new Case("C=3 (im2col forward, column backward data)", 2, 3, 9, 7, 5, ConvParams.of(1, 1, 1), true),
                new Case("stride 2 (gather forward, column backward data)", 2, 16, 10, 9, 6, ConvParams.of(2, 1, 1), true),
                new Case("12x12, 32 -> 20 channels (gather forward and full convolution)", 4, 32, 12, 12, 20, ConvParams.of(1, 1, 1), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedReluGivesTheBitsOfTheSeparateOps(Case tc) {
        for (DType dt : new DType[] {DType.F32, DType.F64}) check(tc, dt);
    }

    private static void check(Case tc, DType dt) {
        ConvOps conv = BACKEND.conv();
        assertTrue(conv.fusesActivation(Activation.RELU));
        Random rng = new Random(tc.name().hashCode());
        Shape xs = Shape.of(tc.n(), tc.c(), tc.h(), tc.w());
        Shape ws = Shape.of(tc.k(), tc.c(), 3, 3);
        Shape ys = Shape.of(tc.n(), tc.k(), tc.p().outputHeight(tc.h(), 3), tc.p().outputWidth(tc.w(), 3));
        try (Tensor x = tensor(dt, xs, TestSupport.random(rng, xs.size()));
             Tensor w = tensor(dt, ws, TestSupport.random(rng, ws.size()));
             Tensor b = tc.bias() ? tensor(dt, Shape.of(tc.k()), TestSupport.random(rng, tc.k())) : null;
             Tensor dy = tensor(dt, ys, TestSupport.random(rng, ys.size()));
             Tensor z = garbage(dt, ys);
             Tensor yRef = garbage(dt, ys);
             Tensor yFused = garbage(dt, ys);
             Tensor dz = garbage(dt, ys);
             Tensor dxRef = garbage(dt, xs);
             Tensor dxFused = garbage(dt, xs);
             Tensor dwRef = garbage(dt, ws);
             Tensor dwFused = garbage(dt, ws);
             Tensor dbRef = garbage(dt, Shape.of(tc.k()));
             Tensor dbFused = garbage(dt, Shape.of(tc.k()))) {
            conv.forward(tc.p(), x, w, b, z);
            BACKEND.activation().forward(Activation.RELU, z, yRef);
            conv.forward(tc.p(), x, w, b, Activation.RELU, yFused);
            same(dt, tc + " " + dt + " forward", yRef, yFused);
            double[] y = read(yFused);
            long zeros = java.util.Arrays.stream(y).filter(v -> v == 0).count();
            assertTrue(zeros > 0 && zeros < y.length, "the ReLU masks some outputs and keeps others: " + zeros + " of " + y.length);

            BACKEND.activation().backward(Activation.RELU, z, yRef, dy, dz);
            conv.backwardData(tc.p(), dz, w, dxRef);
            conv.backwardData(tc.p(), dy, Activation.RELU, yFused, w, dxFused);
            same(dt, tc + " " + dt + " backward data", dxRef, dxFused);
            conv.backwardFilter(tc.p(), x, dz, dwRef, dbRef);
            conv.backwardFilter(tc.p(), x, dy, Activation.RELU, yFused, dwFused, dbFused);
            same(dt, tc + " " + dt + " backward filter dw", dwRef, dwFused);
            same(dt, tc + " " + dt + " backward filter dbias", dbRef, dbFused);
            assertFalse(java.util.Arrays.stream(read(dwFused)).anyMatch(Double::isNaN), "dw overwritten");
        }
    }

    @Test
    void otherActivationsAreNotFusedAndRefused() {
        ConvOps conv = BACKEND.conv();
        assertFalse(conv.fusesActivation(Activation.SIGMOID));
        assertFalse(conv.fusesActivation(null));
        try (Tensor x = garbage(DType.F32, Shape.of(1, 1, 3, 3)); Tensor w = garbage(DType.F32, Shape.of(1, 1, 3, 3));
             Tensor y = garbage(DType.F32, Shape.of(1, 1, 1, 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> conv.forward(ConvParams.of(1, 0, 1), x, w, null, Activation.SIGMOID, y));
            assertTrue(e.getMessage().contains("fuses only relu"), e.getMessage());
        }
    }

    private static void same(DType dt, String what, Tensor expected, Tensor actual) {
        if (dt == DType.F32) assertBitIdentical(what, readFloats(expected), readFloats(actual));
        else assertArrayEquals(read(expected), read(actual), 0.0, what);
    }
}
