package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The four fused losses: value and gradient against float64 host formulas, and the null-gradient form. */
class LossReferenceTest {
    @TestFactory
    Stream<DynamicTest> losses() {
        return Arrays.stream(LossKind.values()).flatMap(k -> Stream.of(
                DynamicTest.dynamicTest(k + " (6, 10)", () -> check(SharedOpenCl.backend(), k, 6, 10)),
                DynamicTest.dynamicTest(k + " (5, 1)", () -> check(SharedOpenCl.backend(), k, 5, 1)),
                DynamicTest.dynamicTest(k + " (3, 300)", () -> check(SharedOpenCl.backend(), k, 3, 300))));
    }

    private static void check(OpenClBackend b, LossKind kind, int n, int f) {
        float[] o = HostData.uniform(30, n * f), t = new float[n * f];
        for (int i = 0; i < o.length; i++) o[i] *= 8;
        float[] u = HostData.uniform(31, n * f);
        for (int r = 0; r < n; r++) {
            if (kind == LossKind.SOFTMAX_CROSS_ENTROPY) t[r * f + (r * 7) % f] = 1;  // one-hot
            else for (int j = 0; j < f; j++) t[r * f + j] = kind == LossKind.SIGMOID_BINARY_CROSS_ENTROPY ? (u[r * f + j] + 1) / 2 : u[r * f + j];
        }
        double loss = 0;
        double[] g = new double[o.length];
        for (int r = 0; r < n; r++) {
            if (kind == LossKind.SOFTMAX_CROSS_ENTROPY) {
                double m = Double.NEGATIVE_INFINITY, s = 0, ts = 0;
                for (int j = 0; j < f; j++) m = Math.max(m, o[r * f + j]);
                for (int j = 0; j < f; j++) s += Math.exp(o[r * f + j] - m);
                for (int j = 0; j < f; j++) ts += t[r * f + j];
                for (int j = 0; j < f; j++) {
                    double logp = o[r * f + j] - m - Math.log(s);
                    loss -= t[r * f + j] * logp;
                    g[r * f + j] = (Math.exp(logp) * ts - t[r * f + j]) / n;
                }
            } else {
                for (int j = 0; j < f; j++) {
                    int i = r * f + j;
                    double z = o[i], d = z - t[i];
                    switch (kind) {
                        case SIGMOID_BINARY_CROSS_ENTROPY -> {
                            loss += Math.max(z, 0) - z * t[i] + Math.log1p(Math.exp(-Math.abs(z)));
                            g[i] = (1 / (1 + Math.exp(-z)) - t[i]) / (n * f);
                        }
                        case MEAN_SQUARED_ERROR -> { loss += d * d; g[i] = 2 * d / (n * f); }
                        default -> { loss += Math.abs(d); g[i] = Math.signum(d) / (n * f); }
                    }
                }
            }
        }
        loss /= kind == LossKind.SOFTMAX_CROSS_ENTROPY ? n : (double) n * f;
        Shape s = Shape.of(n, f);
        try (Tensor to = HostData.upload(b, s, o); Tensor tt = HostData.upload(b, s, t); Tensor tg = b.allocate(s)) {
            double got = b.loss().forwardBackward(kind, to, tt, tg);
            Tolerance tol = Tolerance.f32Transcendental().plus(Tolerance.f32Sum((long) n * f, 16)).forValuesScaledBy(1.0 / n);
            tol.assertClose(kind + " loss", loss, got);
            tol.assertClose(kind + " loss without gradient", loss, b.loss().forwardBackward(kind, to, tt, null));
            Tolerance.f32Transcendental().forValuesScaledBy(1.0 / n).assertClose(kind + " grad", g, HostData.download(b, tg), s);
        }
    }
}
