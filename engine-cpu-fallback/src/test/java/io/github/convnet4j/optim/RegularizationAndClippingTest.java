package io.github.convnet4j.optim;

import static io.github.convnet4j.optim.ParamFixture.f;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.Regularizer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regularization and clipping seen through plain SGD with lr 1, where {@code w_new = w - g_final},
 * so {@code g_final = w - w_new} exposes what the optimizer did to the gradient.
 *
 * <p>Equivalent mutant left alone: {@code Regularization.penalty} skipping a parameter whose
 * regularizer is none; its l1 and l2 are 0, which adds nothing.
 */
class RegularizationAndClippingTest {
    private static final Tolerance TOL = Tolerance.f32Elementwise().times(8);
    private final ParamFixture fx = new ParamFixture();

    @AfterEach void close() { fx.close(); }

    private double[] appliedGradient(double[] w, Parameter p) {
        float[] after = fx.values(p.value());
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) g[i] = f(w[i]) - after[i];
        return g;
    }

    @Test void l1AndL2GradientsAndPenalty() {
        double[] w = {0.5, -2.0, 0.0}, g = {0.1, 0.2, -0.3};
        Parameter p = fx.param("d/kernel", w, g, new Regularizer(0.01, 0.1));
        Parameter plain = fx.param("d/bias", new double[] {3.0}, new double[] {0.5});
        List<Parameter> params = List.of(p, plain);
        assertTrue(Regularization.any(params));
        // Keras penalty: l1 sum|w| + l2 sum w^2 = 0.01 * 2.5 + 0.1 * 4.25
        assertEquals(0.01 * 2.5 + 0.1 * 4.25, Regularization.penalty(params), 1e-7);
        try (Optimizer o = new Sgd(1.0, 0, false, null)) {
            o.step(params);
        }
        // g + l1 sign(w) + 2 l2 w, sign(0) = 0
        double[] expected = {0.1 + 0.01 + 0.2 * 0.5, 0.2 - 0.01 + 0.2 * -2.0, -0.3};
        TOL.assertClose("regularized gradient", expected, toFloat(appliedGradient(w, p)));
        TOL.assertClose("unregularized gradient", new double[] {0.5}, toFloat(appliedGradient(new double[] {3.0}, plain)));
    }

    @Test void noRegularizerMeansNoPenalty() {
        List<Parameter> params = List.of(fx.param("d/kernel", new double[] {1, 2}, new double[] {0, 0}));
        assertFalse(Regularization.any(params));
        assertEquals(0, Regularization.penalty(params));
    }

    @Test void clipNormPerParameter() {
        // |(3, 4)| = 5 > 1: scaled to (0.6, 0.8); |(0.3, 0.4)| = 0.5 <= 1: untouched.
        Parameter big = fx.param("a/kernel", new double[] {0, 0}, new double[] {3, 4});
        Parameter small = fx.param("b/kernel", new double[] {0, 0}, new double[] {0.3, 0.4});
        try (Optimizer o = new Sgd(1.0, 0, false, new GradientClipping(1.0, 0, 0))) {
            o.step(List.of(big, small));
        }
        TOL.assertClose("clipped", new double[] {-0.6, -0.8}, fx.values(big.value()));
        float[] s = fx.values(small.value());
        assertEquals(-0.3f, s[0]);
        assertEquals(-0.4f, s[1]);
    }

    @Test void globalClipNormScalesAllTogether() {
        // Global norm of (3, 4) and (12) is 13; clip at 6.5 halves everything.
        Parameter a = fx.param("a/kernel", new double[] {0, 0}, new double[] {3, 4});
        Parameter b = fx.param("b/kernel", new double[] {0}, new double[] {12});
        try (Optimizer o = new Sgd(1.0, 0, false, new GradientClipping(0, 6.5, 0))) {
            o.step(List.of(a, b));
        }
        TOL.assertClose("a", new double[] {-1.5, -2}, fx.values(a.value()));
        TOL.assertClose("b", new double[] {-6}, fx.values(b.value()));
    }

    @Test void clipValueClampsExactlyAndKeepsSmallValues() {
        double[] g = {-5, 0.3, 2, 1e-9, -1};
        Parameter p = fx.param("a/kernel", new double[] {0, 0, 0, 0, 0}, g);
        try (Optimizer o = new Sgd(1.0, 0, false, new GradientClipping(0, 0, 1.0))) {
            o.step(List.of(p));
        }
        float[] w = fx.values(p.value());
        float[] expected = {1, -0.3f, -1, -1e-9f, 1};
        for (int i = 0; i < g.length; i++) assertEquals(expected[i], w[i], "element " + i);
    }

    @Test void regularizationHappensBeforeClipping() {
        // g = 0, w = 10, l2 = 0.5: regularized gradient 2*0.5*10 = 10, clipped by value to 1.
        Parameter p = fx.param("a/kernel", new double[] {10}, new double[] {0}, new Regularizer(0, 0.5));
        try (Optimizer o = new Sgd(1.0, 0, false, new GradientClipping(0, 0, 1.0))) {
            o.step(List.of(p));
        }
        assertEquals(9f, fx.values(p.value())[0]);
    }

    private static float[] toFloat(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return out;
    }
    /** A frozen parameter (no gradient) is not trained, so its regularizer is not part of the loss. */
    @Test void aFrozenParametersRegularizerAddsNoPenalty() {
        Parameter live = fx.param("a/kernel", new double[] {1, 2}, new double[] {0, 0}, new Regularizer(0, 0.1));
        Parameter trained = fx.param("b/kernel", new double[] {3}, new double[] {0}, new Regularizer(0.5, 0.1));
        Parameter frozen = new Parameter("b/kernel", trained.value(), null, trained.regularizer());
        assertEquals(0.1 * (1 + 4), Regularization.penalty(List.of(live, frozen)), 1e-7);
        assertEquals(0.1 * (1 + 4) + 0.5 * 3 + 0.1 * 9, Regularization.penalty(List.of(live, trained)), 1e-6);
    }
}
