package io.github.convnet4j.train;

import io.github.convnet4j.util.Rng;

/** Seeds derived from the run's seed and counters, so a resumed run draws the same numbers. */
final class StepSeeds {
    /** Separates the dropout stream from the data streams {@code derive(seed, epoch[, batch])}, whose first key is a small epoch. */
    private static final long DROPOUT_STREAM = 0x44524F504F5554L;

    private StepSeeds() {}

    /** The dropout seed of global step {@code step}. */
    static int dropout(long seed, long step) {
        return (int) (Rng.derive(seed, DROPOUT_STREAM, step).nextLong() >>> 32);
    }
}
