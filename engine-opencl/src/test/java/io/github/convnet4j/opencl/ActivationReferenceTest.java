package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every activation and its derivative, and row softmax, against float64 host formulas. */
class ActivationReferenceTest {
    private static final Shape SHAPE = Shape.of(3, 5, 2, 7);

    static List<Activation> pointwise() {
        return List.of(Activation.LINEAR, Activation.RELU, Activation.leakyRelu(0.3), Activation.elu(1.0),
                Activation.SIGMOID, Activation.TANH, Activation.SWISH);
    }

    @TestFactory
    Stream<DynamicTest> pointwiseFunctions() {
        OpenClBackend b = SharedOpenCl.backend();
        return pointwise().stream().map(a -> DynamicTest.dynamicTest(a.keyword(), () -> check(b, a)));
    }

    private static void check(OpenClBackend b, Activation a) {
        float[] x = HostData.uniform(7, (int) SHAPE.size());
        for (int i = 0; i < x.length; i++) x[i] *= 6;  // reach the saturating parts
        float[] dy = HostData.uniform(8, x.length);
        double[] y = new double[x.length], dx = new double[x.length];
        double al = a.alpha();
        for (int i = 0; i < x.length; i++) {
            double v = x[i], s = 1 / (1 + Math.exp(-v));
            double[] fd = switch (a.kind()) {
                case LINEAR -> new double[] {v, 1};
                case RELU -> new double[] {Math.max(v, 0), v > 0 ? 1 : 0};
                case LEAKY_RELU -> new double[] {v > 0 ? v : al * v, v > 0 ? 1 : al};
                case ELU -> new double[] {v > 0 ? v : al * (Math.exp(v) - 1), v > 0 ? 1 : al * Math.exp(v)};
                case SIGMOID -> new double[] {s, s * (1 - s)};
                case TANH -> new double[] {Math.tanh(v), 1 - Math.tanh(v) * Math.tanh(v)};
                case SWISH -> new double[] {v * s, s * (1 + v * (1 - s))};
                case SOFTMAX -> throw new AssertionError();
            };
            y[i] = fd[0];
            dx[i] = dy[i] * fd[1];
        }
        try (Tensor tx = HostData.upload(b, SHAPE, x); Tensor tdy = HostData.upload(b, SHAPE, dy);
             Tensor ty = b.allocate(SHAPE); Tensor tdx = b.allocate(SHAPE)) {
            b.activation().forward(a, tx, ty);
            b.activation().backward(a, tx, ty, tdy, tdx);
            Tolerance.f32Transcendental().assertClose(a.keyword() + " y", y, HostData.download(b, ty), SHAPE);
            Tolerance.f32Transcendental().assertClose(a.keyword() + " dx", dx, HostData.download(b, tdx), SHAPE);
        }
    }

    @Test
    void softmaxRowsInPlaceAndBackward() {
        OpenClBackend b = SharedOpenCl.backend();
        for (int cols : new int[] {1, 10, 300}) {
            int rows = 4;
            Shape s = Shape.of(rows, cols);
            float[] x = HostData.uniform(9, rows * cols), dy = HostData.uniform(10, rows * cols);
            for (int i = 0; i < x.length; i++) x[i] *= 20;
            double[] y = new double[x.length], dx = new double[x.length];
            for (int r = 0; r < rows; r++) {
                double m = Double.NEGATIVE_INFINITY, sum = 0, dot = 0;
                for (int j = 0; j < cols; j++) m = Math.max(m, x[r * cols + j]);
                for (int j = 0; j < cols; j++) sum += Math.exp(x[r * cols + j] - m);
                for (int j = 0; j < cols; j++) y[r * cols + j] = Math.exp(x[r * cols + j] - m) / sum;
                for (int j = 0; j < cols; j++) dot += dy[r * cols + j] * y[r * cols + j];
                for (int j = 0; j < cols; j++) dx[r * cols + j] = y[r * cols + j] * (dy[r * cols + j] - dot);
            }
            try (Tensor t = HostData.upload(b, s, x); Tensor tdy = HostData.upload(b, s, dy); Tensor tdx = b.allocate(s)) {
                b.activation().forward(Activation.SOFTMAX, t, t);  // in place
                b.activation().backward(Activation.SOFTMAX, null, t, tdy, tdx);
                Tolerance.f32Transcendental().assertClose("softmax y cols=" + cols, y, HostData.download(b, t), s);
                Tolerance.f32Transcendental().plus(Tolerance.f32Sum(cols, 1)).assertClose("softmax dx cols=" + cols, dx, HostData.download(b, tdx), s);
            }
        }
    }
}
