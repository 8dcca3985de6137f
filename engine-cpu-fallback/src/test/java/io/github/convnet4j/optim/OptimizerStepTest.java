package io.github.convnet4j.optim;

import static io.github.convnet4j.optim.ParamFixture.f;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each update rule against the formula worked out by hand in double precision on three numbers. */
class OptimizerStepTest {
    private static final double[] W = {0.5, -1.25, 2.0};
    private static final double[] G1 = {0.1, -0.4, 0.3};
    private static final double[] G2 = {-0.2, 0.05, 0.6};
    private static final Tolerance SIMPLE = Tolerance.f32Elementwise().times(4);
    private static final Tolerance WITH_SQRT = Tolerance.f32Transcendental().times(4);

    private final ParamFixture fx = new ParamFixture();

    @AfterEach void close() { fx.close(); }

    @Test void plainSgd() {
        Parameter p = fx.param("d/kernel", W, G1);
        try (Optimizer o = new Sgd(0.1, 0, false, null)) {
            o.step(List.of(p));
            double[] w = f(W), g = f(G1);
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) expected[i] = w[i] - 0.1 * g[i];
            SIMPLE.assertClose("sgd", expected, fx.values(p.value()));
            assertEquals(1, o.iterations());
        }
    }

    @Test void momentumTwoSteps() {
        Parameter p = fx.param("d/kernel", W, G1);
        try (Optimizer o = new Sgd(0.1, 0.9, false, null)) {
            o.step(List.of(p));
            fx.setGrad(p, G2);
            o.step(List.of(p));
            double[] w = f(W), g1 = f(G1), g2 = f(G2), expected = new double[3];
            for (int i = 0; i < 3; i++) {
                double v = -0.1 * g1[i];          // v1 = 0.9*0 - lr g1
                double w1 = w[i] + v;
                v = 0.9 * v - 0.1 * g2[i];        // v2 = m v1 - lr g2
                expected[i] = w1 + v;
            }
            SIMPLE.assertClose("momentum", expected, fx.values(p.value()));
        }
    }

    @Test void nesterovTwoSteps() {
        Parameter p = fx.param("d/kernel", W, G1);
        try (Optimizer o = new Sgd(0.1, 0.9, true, null)) {
            o.step(List.of(p));
            fx.setGrad(p, G2);
            o.step(List.of(p));
            double[] w = f(W), g1 = f(G1), g2 = f(G2), expected = new double[3];
            for (int i = 0; i < 3; i++) {
                double v1 = -0.1 * g1[i];
                double w1 = w[i] + 0.9 * v1 - 0.1 * g1[i];
                double v2 = 0.9 * v1 - 0.1 * g2[i];
                expected[i] = w1 + 0.9 * v2 - 0.1 * g2[i];
            }
            SIMPLE.assertClose("nesterov", expected, fx.values(p.value()));
        }
    }

    @Test void adamTwoStepsWithBiasCorrection() {
        Parameter p = fx.param("d/kernel", W, G1);
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        try (Optimizer o = new Adam(lr, b1, b2, eps, null)) {
            o.step(List.of(p));
            fx.setGrad(p, G2);
            o.step(List.of(p));
            double[] w = f(W), g1 = f(G1), g2 = f(G2), expected = new double[3];
            for (int i = 0; i < 3; i++) {
                double m = 0.1 * g1[i], v = 0.001 * g1[i] * g1[i];
                double wi = w[i] - lr * Math.sqrt(1 - b2) / (1 - b1) * m / (Math.sqrt(v) + eps);
                m = 0.9 * m + 0.1 * g2[i];
                v = 0.999 * v + 0.001 * g2[i] * g2[i];
                expected[i] = wi - lr * Math.sqrt(1 - b2 * b2) / (1 - b1 * b1) * m / (Math.sqrt(v) + eps);
            }
            WITH_SQRT.assertClose("adam", expected, fx.values(p.value()));
            assertEquals(2, o.iterations());
        }
    }

    @Test void rmspropTwoSteps() {
        Parameter p = fx.param("d/kernel", W, G1);
        double lr = 0.01, rho = 0.9, eps = 1e-7;
        try (Optimizer o = new RmsProp(lr, rho, eps, null)) {
            o.step(List.of(p));
            fx.setGrad(p, G2);
            o.step(List.of(p));
            double[] w = f(W), g1 = f(G1), g2 = f(G2), expected = new double[3];
            for (int i = 0; i < 3; i++) {
                double s = 0.1 * g1[i] * g1[i];
                double wi = w[i] - lr * g1[i] / (Math.sqrt(s) + eps);
                s = 0.9 * s + 0.1 * g2[i] * g2[i];
                expected[i] = wi - lr * g2[i] / (Math.sqrt(s) + eps);
            }
            WITH_SQRT.assertClose("rmsprop", expected, fx.values(p.value()));
        }
    }

    @Test void learningRateChangesTakeEffectOnTheNextStep() {
        Parameter p = fx.param("d/kernel", W, G1);
        try (Optimizer o = new Sgd(0.1, 0, false, null)) {
            o.setLearningRate(0.5);
            o.step(List.of(p));
            double[] w = f(W), g = f(G1), expected = new double[3];
            for (int i = 0; i < 3; i++) expected[i] = w[i] - 0.5 * g[i];
            SIMPLE.assertClose("sgd lr 0.5", expected, fx.values(p.value()));
            assertEquals(0.1, o.baseLearningRate());
        }
    }

    @Test void nonTrainableParametersAreLeftAlone() {
        Parameter trainable = fx.param("bn/gamma", W, G1);
        Parameter state = new Parameter("bn/moving_mean", fx.param("x", W, G1).value(), null, trainable.regularizer());
        try (Optimizer o = new Adam()) {
            o.step(List.of(trainable, state));
            float[] after = fx.values(state.value());
            for (int i = 0; i < 3; i++) assertEquals((float) W[i], after[i]);
            assertEquals(List.of("bn/gamma/m", "bn/gamma/v"), List.copyOf(o.exportState().tensors().keySet()));
        }
    }
}
