package io.github.convnet4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The numeric side of the gradient checks: accurate where smooth, and it notices kinks inside the step. */
class LayerGradientCheckNumericTest {
    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }

    @Test
    void smoothFunctionGradientIsAccurate() {
        double[] v = {0.3, -1.2, 2.0};
        var r = LayerGradientCheckNumeric.gradient(v, i -> {}, () -> Math.sin(v[0]) * v[1] + Math.exp(v[2]) * v[0], all(3));
        assertEquals(0, r.skippedCount());
        assertEquals(Math.cos(0.3) * -1.2 + Math.exp(2.0), r.gradient()[0], 1e-8);
        assertEquals(Math.sin(0.3), r.gradient()[1], 1e-8);
        assertEquals(Math.exp(2.0) * 0.3, r.gradient()[2], 1e-8);
        assertEquals(0.3, v[0]);
    }

    @Test
    void kinkWithinTheStepIsSkippedAndOneOutsideIsNot() {
        // relu(x - 0.1) with x = 0.1 + 3e-7 (kink inside the step), and x = 0.5 (far away)
        double[] v = {0.1 + 3e-7, 0.5};
        var r = LayerGradientCheckNumeric.gradient(v, i -> {}, () -> Math.max(0, v[0] - 0.1) + 2 * Math.max(0, v[1] - 0.1), all(2));
        assertTrue(r.skipped()[0]);
        assertFalse(r.skipped()[1]);
        assertEquals(1, r.skippedCount());
        assertEquals(2, r.gradient()[1], 1e-9);
    }

    @Test
    void uncheckedCoordinatesAreNotEvaluated() {
        double[] v = {1, 2};
        int[] calls = {0};
        boolean[] checked = {false, true};
        var r = LayerGradientCheckNumeric.gradient(v, i -> calls[0]++, () -> v[0] * v[1], checked);
        assertTrue(Double.isNaN(r.gradient()[0]));
        assertEquals(1, r.gradient()[1], 1e-9);
        assertEquals(5, calls[0]);
    }
}
