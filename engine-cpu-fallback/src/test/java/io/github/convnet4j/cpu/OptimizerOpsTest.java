package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.read;
import static io.github.convnet4j.cpu.TestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One step of every optimizer worked out with the Keras formula, and F32 against F64. */
class OptimizerOpsTest {
    private static final Shape ONE = Shape.of(1);

    private static Tensor scalar(DType dt, double v) { return tensor(dt, ONE, new double[] {v}); }

    private static double tol(DType dt) { return dt == DType.F64 ? 1e-15 : 1e-7; }

    @Test
    void sgdStepsByHand() {
        for (DType dt : DType.values()) {
            Tensor w = scalar(dt, 1);
            BACKEND.optimizer().sgd(w, scalar(dt, 0.5), null, 0.1, 0, false);
            assertClose(dt + " plain: 1 - 0.1*0.5", new double[] {0.95}, read(w), tol(dt), tol(dt));

            w = scalar(dt, 1);
            Tensor v = scalar(dt, 0.2);
            BACKEND.optimizer().sgd(w, scalar(dt, 0.5), v, 0.1, 0.9, false);
            // v = 0.9*0.2 - 0.1*0.5 = 0.13; w = 1 + 0.13
            assertClose(dt + " momentum v", new double[] {0.13}, read(v), tol(dt), tol(dt));
            assertClose(dt + " momentum w", new double[] {1.13}, read(w), tol(dt), tol(dt));

            w = scalar(dt, 1);
            v = scalar(dt, 0.2);
            BACKEND.optimizer().sgd(w, scalar(dt, 0.5), v, 0.1, 0.9, true);
            // Nesterov: v = 0.13; w = 1 + 0.9*0.13 - 0.1*0.5 = 1.067
            assertClose(dt + " nesterov v", new double[] {0.13}, read(v), tol(dt), tol(dt));
            assertClose(dt + " nesterov w", new double[] {1.067}, read(w), tol(dt), tol(dt));
        }
    }

    @Test
    void adamStepsByHand() {
        for (DType dt : DType.values()) {
            double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7, g = 0.5;
            // Step t = 3 from m = 0.1, v = 0.02.
            Tensor w = scalar(dt, 1);
            Tensor m = scalar(dt, 0.1);
            Tensor v = scalar(dt, 0.02);
            BACKEND.optimizer().adam(w, scalar(dt, g), m, v, lr, b1, b2, eps, 3);
            double m1 = 0.1 + (1 - b1) * (g - 0.1);             // 0.14
            double v1 = 0.02 + (1 - b2) * (g * g - 0.02);       // 0.02023
            double step = lr * Math.sqrt(1 - b2 * b2 * b2) / (1 - b1 * b1 * b1);
            assertClose(dt + " m", new double[] {0.14}, read(m), tol(dt), tol(dt));
            assertClose(dt + " v", new double[] {0.02023}, read(v), tol(dt), tol(dt));
            assertClose(dt + " w", new double[] {1 - step * m1 / (Math.sqrt(v1) + eps)}, read(w), tol(dt), tol(dt));

            // Step t = 1 from zero moments moves w by about lr.
            w = scalar(dt, 1);
            BACKEND.optimizer().adam(w, scalar(dt, g), scalar(dt, 0), scalar(dt, 0), lr, b1, b2, eps, 1);
            double expected = 1 - lr * Math.sqrt(1 - b2) / (1 - b1) * (0.1 * g) / (Math.sqrt(0.001 * g * g) + eps);
            assertClose(dt + " first step", new double[] {expected}, read(w), tol(dt), tol(dt));
        }
    }

    @Test
    void rmspropStepByHand() {
        for (DType dt : DType.values()) {
            Tensor w = scalar(dt, 1);
            Tensor s = scalar(dt, 0.1);
            BACKEND.optimizer().rmsprop(w, scalar(dt, 0.5), s, 0.01, 0.9, 1e-7);
            // s = 0.9*0.1 + 0.1*0.25 = 0.115; w = 1 - 0.01*0.5/(sqrt(0.115) + 1e-7)
            assertClose(dt + " s", new double[] {0.115}, read(s), tol(dt), tol(dt));
            assertClose(dt + " w", new double[] {1 - 0.005 / (Math.sqrt(0.115) + 1e-7)}, read(w), tol(dt), tol(dt));
        }
    }

    @Test
    void f32MatchesF64OverManySteps() {
        Random rng = new Random(19);
        Shape s = Shape.of(50_000);
        double[] w0 = random(rng, s.size());
        double[] state = random(rng, s.size(), 0, 0.1);
        Tensor[] a64 = {f64(s, w0), f64(s, state), f64(s, state)};
        Tensor[] a32 = {f32(s, w0), f32(s, state), f32(s, state)};
        Tensor[] b64 = {f64(s, w0), f64(s, state)};
        Tensor[] b32 = {f32(s, w0), f32(s, state)};
        Tensor[] c64 = {f64(s, w0), f64(s, state)};
        Tensor[] c32 = {f32(s, w0), f32(s, state)};
        for (int t = 1; t <= 5; t++) {
            double[] g = random(rng, s.size());
            Tensor g64 = f64(s, g);
            Tensor g32 = f32(s, g);
            BACKEND.optimizer().adam(a64[0], g64, a64[1], a64[2], 1e-3, 0.9, 0.999, 1e-7, t);
            BACKEND.optimizer().adam(a32[0], g32, a32[1], a32[2], 1e-3, 0.9, 0.999, 1e-7, t);
            BACKEND.optimizer().sgd(b64[0], g64, b64[1], 0.01, 0.9, t % 2 == 0);
            BACKEND.optimizer().sgd(b32[0], g32, b32[1], 0.01, 0.9, t % 2 == 0);
            BACKEND.optimizer().rmsprop(c64[0], g64, c64[1], 1e-3, 0.9, 1e-7);
            BACKEND.optimizer().rmsprop(c32[0], g32, c32[1], 1e-3, 0.9, 1e-7);
        }
        assertClose("adam w", read(a64[0]), read(a32[0]), 1e-6, 1e-6);
        assertClose("adam v", read(a64[2]), read(a32[2]), 1e-7, 1e-5);
        assertClose("sgd w", read(b64[0]), read(b32[0]), 1e-6, 1e-6);
        assertClose("rmsprop w", read(c64[0]), read(c32[0]), 1e-6, 1e-6);
    }

    @Test
    void mismatchNamesOpAndShapes() {
        Tensor w = BACKEND.allocate(Shape.of(3, 4));
        Tensor g = BACKEND.allocate(Shape.of(4, 3));
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.optimizer().sgd(w, g, null, 0.1, 0, false));
        assertTrue(e.getMessage().startsWith("optimizer sgd: g (4, 3) does not match w (3, 4)"), e.getMessage());
        e = assertThrows(BackendException.class, () -> BACKEND.optimizer().sgd(w, w, null, 0.1, 0.9, false));
        assertTrue(e.getMessage().startsWith("optimizer sgd: velocity is null"), e.getMessage());
    }
}
