package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adam's hyper-parameter ranges, at their edges: beta in [0, 1), epsilon > 0. */
class AdamTest {
    private static String refused(double beta1, double beta2, double epsilon) {
        return assertThrows(IllegalArgumentException.class, () -> new Adam(0.001, beta1, beta2, epsilon, null)).getMessage();
    }

    @Test void betasAreInZeroToOneExcludingOne() {
        assertEquals(0.0, new Adam(0.001, 0, 0.999, 1e-7, null).beta1());
        assertEquals(0.0, new Adam(0.001, 0.9, 0, 1e-7, null).beta2());
        assertEquals(0.99999, new Adam(0.001, 0.99999, 0.99999, 1e-7, null).beta2());
        assertEquals("adam beta1 must be in [0, 1), got 1.0", refused(1, 0.999, 1e-7));
        assertEquals("adam beta1 must be in [0, 1), got -0.1", refused(-0.1, 0.999, 1e-7));
        assertEquals("adam beta1 must be in [0, 1), got NaN", refused(Double.NaN, 0.999, 1e-7));
        assertEquals("adam beta2 must be in [0, 1), got 1.0", refused(0.9, 1, 1e-7));
        assertEquals("adam beta2 must be in [0, 1), got -0.1", refused(0.9, -0.1, 1e-7));
        assertEquals("adam beta2 must be in [0, 1), got NaN", refused(0.9, Double.NaN, 1e-7));
    }

    @Test void epsilonMustBePositive() {
        assertEquals(1e-12, new Adam(0.001, 0.9, 0.999, 1e-12, null).epsilon());
        assertEquals("adam epsilon must be > 0, got 0.0", refused(0.9, 0.999, 0));
        assertEquals("adam epsilon must be > 0, got -1.0E-7", refused(0.9, 0.999, -1e-7));
        assertEquals("adam epsilon must be > 0, got NaN", refused(0.9, 0.999, Double.NaN));
    }
}
