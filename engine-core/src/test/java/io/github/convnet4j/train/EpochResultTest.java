package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An epoch counts as validated exactly when it has a validation loss (NaN means none). */
class EpochResultTest {
    @Test void validatedMeansAValidationLoss() {
        assertFalse(new EpochResult(1, 0.5, 0.8, Double.NaN, Double.NaN, 0.01, 2, 100).validated());
        assertTrue(new EpochResult(1, 0.5, 0.8, 0.7, 0.75, 0.01, 2, 100).validated());
        assertTrue(new EpochResult(1, 0.5, 0.8, 0.0, 1.0, 0.01, 2, 100).validated(), "a perfect validation loss of 0");
    }
}
