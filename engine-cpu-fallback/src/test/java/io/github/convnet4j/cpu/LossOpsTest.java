package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.LossKind;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Losses: the reference by hand, F32 against F64, and stability on extreme logits. */
class LossOpsTest {
    @Test
    void softmaxCrossEntropyOnTwoClassesByHand() {
        for (DType dt : DType.values()) {
            double tol = dt == DType.F64 ? 1e-15 : 1e-7;
            // Row 0: z = (1, 3), t = (0, 1): loss -log(e^3/(e^1+e^3)) = log(1 + e^-2).
            // Row 1: z = (0, 0), t = (1, 0): loss log 2.
            Shape s = Shape.of(2, 2);
            Tensor grad = garbage(dt, s);
            double loss = BACKEND.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY,
                    tensor(dt, s, new double[] {1, 3, 0, 0}), tensor(dt, s, new double[] {0, 1, 1, 0}), grad);
            assertEquals((Math.log1p(Math.exp(-2)) + Math.log(2)) / 2, loss, tol, dt + " loss");
            double p0 = 1 / (1 + Math.exp(2));
            assertClose(dt + " grad (softmax - t)/N", new double[] {p0 / 2, (1 - p0 - 1) / 2, (0.5 - 1) / 2, 0.5 / 2}, read(grad), tol, tol);
        }
    }

    @Test
    void otherLossesByHand() {
        Shape s = Shape.of(2, 1);
        Tensor o = f64(s, new double[] {2, -1});
        Tensor t = f64(s, new double[] {1, 0});
        Tensor g = garbage(DType.F64, s);
        // BCE on logits: max(z,0) - z t + log(1 + e^-|z|): (2 - 2 + log(1+e^-2)) and (0 - 0 + log(1+e^-1)).
        double bce = BACKEND.loss().forwardBackward(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, o, t, g);
        assertEquals((Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1))) / 2, bce, 1e-15);
        assertClose("bce grad", new double[] {(1 / (1 + Math.exp(-2)) - 1) / 2, (1 / (1 + Math.exp(1))) / 2}, read(g), 1e-15, 1e-15);
        assertEquals((1 + 1) / 2.0, BACKEND.loss().forwardBackward(LossKind.MEAN_SQUARED_ERROR, o, t, g), 0);
        assertClose("mse grad 2(o-t)/N", new double[] {1, -1}, read(g), 0, 0);
        Tensor o2 = f64(s, new double[] {1, -3});
        assertEquals((0 + 3) / 2.0, BACKEND.loss().forwardBackward(LossKind.MEAN_ABSOLUTE_ERROR, o2, t, g), 0);
        assertClose("mae grad sign(o-t)/N, sign(0) = 0", new double[] {0, -0.5}, read(g), 0, 0);
        assertEquals(1.5, BACKEND.loss().forwardBackward(LossKind.MEAN_ABSOLUTE_ERROR, o2, t, null), 0, "grad may be null");
    }

    @Test
    void extremeLogitsStayFinite() {
        for (DType dt : DType.values()) {
            Shape s = Shape.of(1, 3);
            Tensor grad = garbage(dt, s);
            double loss = BACKEND.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY,
                    tensor(dt, s, new double[] {1000, -1000, 0}), tensor(dt, s, new double[] {0, 1, 0}), grad);
            assertEquals(2000, loss, 1e-9, dt + " log-sum-exp with the max subtracted");
            assertClose(dt + " grad", new double[] {1, -1, 0}, read(grad), 1e-12, 0);
            double bce = BACKEND.loss().forwardBackward(LossKind.SIGMOID_BINARY_CROSS_ENTROPY,
                    tensor(dt, Shape.of(1, 2), new double[] {-800, 800}), tensor(dt, Shape.of(1, 2), new double[] {1, 0}), null);
            assertEquals(800, bce, 1e-9, dt + " stable BCE");
        }
    }

    @Test
    void f32MatchesF64() {
        Random rng = new Random(17);
        Shape s = Shape.of(33, 10);
        double[] z = random(rng, s.size(), -8, 8);
        double[] soft = random(rng, s.size(), 0, 1);
        double[] oneHot = new double[(int) s.size()];
        for (int r = 0; r < 33; r++) oneHot[r * 10 + rng.nextInt(10)] = 1;
        for (LossKind kind : LossKind.values()) {
            for (double[] t : new double[][] {oneHot, soft}) {
                Tensor g64 = garbage(DType.F64, s);
                Tensor g32 = garbage(DType.F32, s);
                double l64 = BACKEND.loss().forwardBackward(kind, f64(s, z), f64(s, t), g64);
                double l32 = BACKEND.loss().forwardBackward(kind, f32(s, z), f32(s, t), g32);
                assertClose(kind + " loss", new double[] {l64}, new double[] {l32}, 1e-9, 1e-9);
                assertClose(kind + " grad", read(g64), read(g32), 1e-9, 1e-6);
            }
        }
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        Tensor o = BACKEND.allocate(Shape.of(4, 10));
        Tensor t = BACKEND.allocate(Shape.of(4, 9));
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.loss().forwardBackward(LossKind.MEAN_SQUARED_ERROR, o, t, null));
        assertTrue(e.getMessage().startsWith("loss mean_squared_error: target (4, 9) does not match output (4, 10)"), e.getMessage());
    }
}
