package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.DropoutHash;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.read;
import static io.github.convnet4j.cpu.TestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Element-wise ops by hand and F32 against F64. */
class ElementwiseOpsTest {
    @Test
    void basicOpsByHand() {
        for (DType dt : DType.values()) {
            Shape s = Shape.of(2, 2);
            Tensor a = tensor(dt, s, new double[] {1, -2, 3, 0});
            Tensor b = tensor(dt, s, new double[] {0.5, 4, -1, 2});
            Tensor out = garbage(dt, s);
            BACKEND.elementwise().add(a, b, out);
            assertArrayEquals(new double[] {1.5, 2, 2, 2}, read(out), dt + " add");
            BACKEND.elementwise().multiply(a, b, out);
            assertArrayEquals(new double[] {0.5, -8, -3, 0}, read(out), dt + " multiply");
            BACKEND.elementwise().add(a, b, a);
            assertArrayEquals(new double[] {1.5, 2, 2, 2}, read(a), dt + " add in place");
            BACKEND.elementwise().axpy(-2, b, a);
            assertArrayEquals(new double[] {0.5, -6, 4, -2}, read(a), dt + " axpy");
            BACKEND.elementwise().scale(a, 0.5);
            assertArrayEquals(new double[] {0.25, -3, 2, -1}, read(a), dt + " scale");
            BACKEND.elementwise().fill(a, 7);
            assertArrayEquals(new double[] {7, 7, 7, 7}, read(a), dt + " fill");
            Tensor flat = garbage(dt, Shape.of(4));
            BACKEND.elementwise().copy(b, flat);
            assertArrayEquals(new double[] {0.5, 4, -1, 2}, read(flat), dt + " copy into a flat view");

            // g += l1 sign(w) + 2 l2 w, sign(0) = 0.
            Tensor w = tensor(dt, Shape.of(3), new double[] {-2, 0, 4});
            Tensor g = tensor(dt, Shape.of(3), new double[] {1, 1, 1});
            BACKEND.elementwise().addRegularizationGradient(w, g, 0.5, 0.25);
            assertArrayEquals(new double[] {1 - 0.5 - 1, 1, 1 + 0.5 + 2}, read(g), dt + " regularization gradient");
        }
    }

    @Test
    void clipByHandKeepsNaNAndChecksItsBounds() {
        for (DType dt : DType.values()) {
            Tensor t = tensor(dt, Shape.of(6), new double[] {-3, -0.5, 0.25, 2, Double.NaN, Double.NEGATIVE_INFINITY});
            BACKEND.elementwise().clip(t, -0.5, 1);
            assertArrayEquals(new double[] {-0.5, -0.5, 0.25, 1, Double.NaN, -0.5}, read(t), dt + " clip");
            BackendException e = assertThrows(BackendException.class, () -> BACKEND.elementwise().clip(t, 1, -1));
            assertEquals("clip: lower bound 1.0 is above upper bound -1.0 (device cpu)", e.getMessage());
            e = assertThrows(BackendException.class, () -> BACKEND.elementwise().clip(t, Double.NaN, 1));
            assertEquals("clip: bounds [NaN, 1.0] include NaN (device cpu)", e.getMessage());
        }
    }

    @Test
    void biasOverChannels() {
        for (DType dt : DType.values()) {
            Tensor bias = tensor(dt, Shape.of(2), new double[] {10, 20});
            Tensor y = tensor(dt, Shape.of(2, 2, 1, 2), new double[] {1, 2, 3, 4, 5, 6, 7, 8});
            BACKEND.elementwise().addBias(y, bias);
            assertArrayEquals(new double[] {11, 12, 23, 24, 15, 16, 27, 28}, read(y), dt + " add bias (N, C, H, W)");
            Tensor dense = tensor(dt, Shape.of(2, 2), new double[] {1, 2, 3, 4});
            BACKEND.elementwise().addBias(dense, bias);
            assertArrayEquals(new double[] {11, 22, 13, 24}, read(dense), dt + " add bias (N, C)");
            Tensor db = garbage(dt, Shape.of(2));
            BACKEND.elementwise().biasGradient(tensor(dt, Shape.of(2, 2, 1, 2), new double[] {1, 2, 3, 4, 5, 6, 7, 8}), db);
            assertArrayEquals(new double[] {1 + 2 + 5 + 6, 3 + 4 + 7 + 8}, read(db), dt + " bias gradient");
        }
    }

    @Test
    void dropoutUsesTheSharedHash() {
        int n = 1000;
        double rate = 0.3;
        int seed = 12345;
        Shape s = Shape.of(10, 100);
        double[] x = random(new Random(23), n);
        for (DType dt : DType.values()) {
            Tensor mask = garbage(dt, s);
            Tensor y = garbage(dt, s);
            BACKEND.elementwise().dropoutForward(tensor(dt, s, x), y, mask, rate, seed);
            double[] m = read(mask);
            double[] yv = read(y);
            int kept = 0;
            double keep = dt == DType.F64 ? 1 / (1 - rate) : (float) (1 / (1 - rate));
            for (int i = 0; i < n; i++) {
                double want = DropoutHash.uniform(seed, i) >= rate ? keep : 0;
                assertEquals(want, m[i], 0, dt + " mask[" + i + "]");
                assertEquals(dt == DType.F64 ? x[i] * want : (float) ((float) x[i] * (float) want), yv[i], 0, dt + " y[" + i + "]");
                if (want != 0) kept++;
            }
            assertTrue(kept > 620 && kept < 780, "about 70% kept, got " + kept);
        }
        assertThrows(BackendException.class, () -> BACKEND.elementwise().dropoutForward(f32(s, x), BACKEND.allocate(s), BACKEND.allocate(s), 1.0, 1));
    }

    @Test
    void f32MatchesF64() {
        Random rng = new Random(29);
        Shape s = Shape.of(64, 32, 13, 13);
        double[] a = random(rng, s.size());
        double[] b = random(rng, s.size());
        double[] bias = random(rng, 32);
        Tensor a64 = f64(s, a);
        Tensor a32 = f32(s, a);
        BACKEND.elementwise().axpy(0.3, f64(s, b), a64);
        BACKEND.elementwise().axpy(0.3, f32(s, b), a32);
        BACKEND.elementwise().addBias(a64, f64(Shape.of(32), bias));
        BACKEND.elementwise().addBias(a32, f32(Shape.of(32), bias));
        BACKEND.elementwise().addRegularizationGradient(f64(s, b), a64, 1e-3, 1e-2);
        BACKEND.elementwise().addRegularizationGradient(f32(s, b), a32, 1e-3, 1e-2);
        assertClose("axpy, add bias, regularization", read(a64), read(a32), 1e-6, 1e-6);
        Tensor g64 = garbage(DType.F64, Shape.of(32));
        Tensor g32 = garbage(DType.F32, Shape.of(32));
        BACKEND.elementwise().biasGradient(a64, g64);
        BACKEND.elementwise().biasGradient(a32, g32);
        assertClose("bias gradient", read(g64), read(g32), 1e-4, 1e-5);
    }

    @Test
    void sizeMismatchNamesOpAndShapes() {
        Tensor a = BACKEND.allocate(Shape.of(2, 3));
        Tensor b = BACKEND.allocate(Shape.of(7));
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.elementwise().add(a, b, a));
        assertTrue(e.getMessage().startsWith("add: b (7,) has 7 elements but a (2, 3) has 6"), e.getMessage());
        e = assertThrows(BackendException.class, () -> BACKEND.elementwise().addBias(a, b));
        assertTrue(e.getMessage().startsWith("add bias: bias (7,) should hold 3 elements"), e.getMessage());
    }
}
