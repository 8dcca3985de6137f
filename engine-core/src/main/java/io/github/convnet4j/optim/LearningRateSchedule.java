package io.github.convnet4j.optim;

import java.util.Map;

/**
 * The learning rate as a function of training progress, asked before every step. Schedules
 * that only depend on progress are stateless; {@link ReduceOnPlateau} keeps state, which
 * checkpoints save through {@link #state()} and {@link #restoreState}.
 */
public interface LearningRateSchedule {
    /**
     * The learning rate for the step about to run.
     *
     * @param baseLearningRate the optimizer's configured rate
     * @param position         where training is: epoch and batch (both 0-based), batches per epoch, total epochs
     */
    double learningRate(double baseLearningRate, Position position);

    /**
     * Called after each epoch's validation (plateau detection).
     *
     * @param loss    the epoch's mean training loss
     * @param valLoss the validation loss, NaN without validation data
     */
    default void onEpochEnd(double loss, double valLoss) {}

    /** Whether the schedule needs validation data (reduce-on-plateau monitoring {@code val_loss}). */
    default boolean needsValidation() { return false; }

    /** The mutable state, doubles written with {@link Double#toString} so they round-trip exactly; empty when stateless. */
    default Map<String, String> state() { return Map.of(); }

    /**
     * Restores what {@link #state()} returned.
     *
     * @throws IllegalArgumentException when a key is missing or a value is not valid
     */
    default void restoreState(Map<String, String> state) {
        if (!state.isEmpty()) throw new IllegalArgumentException("schedule " + spec() + " has no state, but got " + state.keySet());
    }

    /** A spec string {@link LearningRateSchedules#parse} turns back into an equal schedule. */
    String spec();

    /**
     * Where training stands when a step is about to run.
     *
     * @param epoch           0-based epoch
     * @param batch           0-based batch within the epoch
     * @param batchesPerEpoch batches in each epoch (&gt;= 1)
     * @param epochs          epochs the run trains in total (&gt;= 1)
     */
    record Position(int epoch, int batch, int batchesPerEpoch, int epochs) {
        public Position {
            if (epoch < 0 || batch < 0 || batchesPerEpoch < 1 || epochs < 1) {
                throw new IllegalArgumentException("invalid schedule position epoch " + epoch + " batch " + batch + "/" + batchesPerEpoch + " of " + epochs + " epochs");
            }
        }

        /** Steps taken before this one: {@code epoch * batchesPerEpoch + batch}. */
        public long step() { return (long) epoch * batchesPerEpoch + batch; }
    }
}
