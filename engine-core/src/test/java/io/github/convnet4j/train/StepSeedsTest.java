package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Fixed dropout seeds: a resumed run draws the same dropout masks only if these never change.
 * Computed by an independent Python transcription of {@code Rng.derive(seed, stream, step)}.
 */
class StepSeedsTest {
    @Test void dropoutSeedsOfTheFirstStepsAndFarOnes() {
        assertEquals(819947071, StepSeeds.dropout(42, 0));
        assertEquals(-771479049, StepSeeds.dropout(42, 1));
        assertEquals(-540850861, StepSeeds.dropout(42, 2));
        assertEquals(971805, StepSeeds.dropout(42, 3));
        assertEquals(238938333, StepSeeds.dropout(7, 0));
        assertEquals(760249688, StepSeeds.dropout(-1, 1L << 40));
    }
}
