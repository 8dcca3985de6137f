package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each kind of clipping switches clipping on by itself; 0 is off; values must be finite and >= 0. */
class GradientClippingTest {
    @Test void anyPositiveValueTurnsClippingOnAndZeroIsOff() {
        assertFalse(GradientClipping.NONE.enabled());
        assertFalse(new GradientClipping(0, 0, 0).enabled());
        assertTrue(new GradientClipping(1e-9, 0, 0).enabled(), "clipnorm");
        assertTrue(new GradientClipping(0, 1e-9, 0).enabled(), "global_clipnorm");
        assertTrue(new GradientClipping(0, 0, 1e-9).enabled(), "clipvalue");
    }

    @Test void badValuesAreNamed() {
        assertEquals("clipnorm must be a finite number > 0 (or 0 for off), got Infinity",
                assertThrows(IllegalArgumentException.class, () -> new GradientClipping(Double.POSITIVE_INFINITY, 0, 0)).getMessage());
        assertEquals("global_clipnorm must be a finite number > 0 (or 0 for off), got NaN",
                assertThrows(IllegalArgumentException.class, () -> new GradientClipping(0, Double.NaN, 0)).getMessage());
        assertEquals("clipvalue must be a finite number > 0 (or 0 for off), got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new GradientClipping(0, 0, -1)).getMessage());
        assertEquals("clipvalue must be a finite number > 0 (or 0 for off), got Infinity",
                assertThrows(IllegalArgumentException.class, () -> new GradientClipping(0, 0, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("only one of clipnorm and global_clipnorm can be set",
                assertThrows(IllegalArgumentException.class, () -> new GradientClipping(1, 1, 0)).getMessage());
    }
}
