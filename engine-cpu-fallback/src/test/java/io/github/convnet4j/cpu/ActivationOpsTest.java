package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F32 activations against the F64 reference; reference values by hand; in-place use. */
class ActivationOpsTest {
    private static final List<Activation> ALL = List.of(Activation.LINEAR, Activation.RELU, Activation.leakyRelu(0.3),
            Activation.elu(1.0), Activation.elu(0.5), Activation.SIGMOID, Activation.TANH, Activation.SWISH, Activation.SOFTMAX);

    @Test
    void f32MatchesF64() {
        Random rng = new Random(9);
        for (Shape s : List.of(Shape.of(7, 10), Shape.of(3, 4, 5, 5), Shape.of(8, 32, 26, 26))) {
            double[] x = random(rng, s.size(), -6, 6);
            double[] dy = random(rng, s.size());
            for (Activation a : ALL) {
                Tensor y64 = garbage(DType.F64, s);
                Tensor y32 = garbage(DType.F32, s);
                Tensor x64 = f64(s, x);
                Tensor x32 = f32(s, x);
                BACKEND.activation().forward(a, x64, y64);
                BACKEND.activation().forward(a, x32, y32);
                assertClose(a.keyword() + " forward " + s, read(y64), read(y32), 1e-6, 1e-6);
                Tensor dx64 = garbage(DType.F64, s);
                Tensor dx32 = garbage(DType.F32, s);
                BACKEND.activation().backward(a, x64, y64, f64(s, dy), dx64);
                BACKEND.activation().backward(a, x32, y32, f32(s, dy), dx32);
                assertClose(a.keyword() + " backward " + s, read(dx64), read(dx32), 1e-6, 1e-5);
            }
        }
    }

    @Test
    void referenceValuesByHand() {
        Shape s = Shape.of(1, 3);
        double[] x = {-2, 0, 1.5};
        assertArrayEquals(new double[] {0, 0, 1.5}, forward(Activation.RELU, s, x));
        assertArrayEquals(new double[] {-0.6, 0, 1.5}, forward(Activation.leakyRelu(0.3), s, x), 1e-15);
        assertArrayEquals(new double[] {Math.exp(-2) - 1, 0, 1.5}, forward(Activation.elu(1), s, x), 1e-15);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-1.5))}, forward(Activation.SIGMOID, s, x), 1e-15);
        assertArrayEquals(new double[] {-2 / (1 + Math.exp(2)), 0, 1.5 / (1 + Math.exp(-1.5))}, forward(Activation.SWISH, s, x), 1e-15);
        double sum = Math.exp(-2) + 1 + Math.exp(1.5);
        assertArrayEquals(new double[] {Math.exp(-2) / sum, 1 / sum, Math.exp(1.5) / sum}, forward(Activation.SOFTMAX, s, x), 1e-15);
        // Softmax must not overflow on large logits.
        assertArrayEquals(new double[] {0.5, 0.5}, forward(Activation.SOFTMAX, Shape.of(1, 2), new double[] {1000, 1000}));

        // relu'(0) = 0 as in Keras/TensorFlow.
        double[] dy = {1, 1, 1};
        assertArrayEquals(new double[] {0, 0, 1}, backward(Activation.RELU, s, x, dy));
        double sg = 1 / (1 + Math.exp(-1.5));
        assertArrayEquals(new double[] {0, 0, 1.5 * 0 + sg * (1 + 1.5 * (1 - sg))},
                new double[] {0, 0, backward(Activation.SWISH, s, x, dy)[2]}, 1e-15);
        // Softmax backward: dx_i = y_i (dy_i - sum_j dy_j y_j); with dy = y this is y_i (y_i - |y|^2).
        double[] y = forward(Activation.SOFTMAX, s, x);
        double dot = y[0] * y[0] + y[1] * y[1] + y[2] * y[2];
        assertArrayEquals(new double[] {y[0] * (y[0] - dot), y[1] * (y[1] - dot), y[2] * (y[2] - dot)},
                backward(Activation.SOFTMAX, s, x, y), 1e-15);
    }

    @Test
    void inPlaceForwardAndBackward() {
        for (DType dt : DType.values()) {
            Shape s = Shape.of(2, 3);
            Tensor t = TestSupport.tensor(dt, s, new double[] {1, 2, 3, 1, 1, 1});
            BACKEND.activation().forward(Activation.SOFTMAX, t, t);
            double[] y = read(t);
            double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
            assertClose(dt + " in-place softmax", new double[] {Math.exp(1) / e, Math.exp(2) / e, Math.exp(3) / e, 1 / 3.0, 1 / 3.0, 1 / 3.0}, y, 1e-7, 1e-6);
            Tensor g = TestSupport.tensor(dt, s, new double[] {1, 1, 1, 1, 1, 1});
            BACKEND.activation().backward(Activation.SOFTMAX, t, t, g, g);
            assertClose(dt + " in-place softmax backward of a constant", new double[6], read(g), 1e-7, 0);
        }
    }

    @Test
    void sizeMismatchNamesOpAndShapes() {
        Tensor x = BACKEND.allocate(Shape.of(2, 3));
        Tensor y = BACKEND.allocate(Shape.of(2, 4));
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.activation().forward(Activation.RELU, x, y));
        assertTrue(e.getMessage().startsWith("activation relu forward: y (2, 4) has 8 elements but x (2, 3) has 6"), e.getMessage());
    }

    private static double[] forward(Activation a, Shape s, double[] x) {
        Tensor y = garbage(DType.F64, s);
        BACKEND.activation().forward(a, f64(s, x), y);
        return read(y);
    }

    private static double[] backward(Activation a, Shape s, double[] x, double[] dy) {
        Tensor xt = f64(s, x);
        Tensor y = garbage(DType.F64, s);
        BACKEND.activation().forward(a, xt, y);
        Tensor dx = garbage(DType.F64, s);
        BACKEND.activation().backward(a, xt, y, f64(s, dy), dx);
        return read(dx);
    }
}
