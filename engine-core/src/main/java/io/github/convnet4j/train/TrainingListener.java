package io.github.convnet4j.train;

import java.nio.file.Path;

/**
 * Progress callbacks from {@link Trainer#fit}, all on the training thread, all optional. Epoch
 * numbers are 1-based. An exception thrown here stops training and propagates out of {@code fit};
 * everything up to the last checkpoint is kept.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * Training continues from a checkpoint.
     *
     * @param epoch      1-based epoch it continues in
     * @param batch      batches of that epoch already done
     * @param globalStep steps done in the whole run
     */
    default void onResume(int epoch, int batch, long globalStep) {}

    /** An epoch starts (or, after a resume, continues). */
    default void onEpochStart(int epoch, int epochs, int batches) {}

    /**
     * A step finished.
     *
     * @param batch           batches of this epoch done, 1..batches
     * @param runningLoss     mean loss over this epoch's samples so far
     * @param runningAccuracy accuracy over this epoch's samples so far
     * @param imagesPerSecond training throughput of this epoch so far
     */
    default void onBatchEnd(int epoch, int batch, int batches, double runningLoss, double runningAccuracy, double imagesPerSecond) {}

    /**
     * {@link #onBatchEnd(int, int, int, double, double, double)} with the share of the epoch's time
     * so far that the steps spent getting their batches (0..1); what the trainer calls. By default
     * it forwards to the six-argument form.
     */
    default void onBatchEnd(int epoch, int batch, int batches, double runningLoss, double runningAccuracy, double imagesPerSecond,
                            double dataWaitFraction) {
        onBatchEnd(epoch, batch, batches, runningLoss, runningAccuracy, imagesPerSecond);
    }

    /** An epoch finished, after validation; its checkpoint and history files are already written. */
    default void onEpochEnd(EpochResult result) {}

    /**
     * A checkpoint was written.
     *
     * @param file       the checkpoint file
     * @param epoch      1-based epoch the run continues in when resumed from it
     * @param batch      batches of that epoch already done
     * @param globalStep steps done in the whole run
     */
    default void onCheckpoint(Path file, int epoch, int batch, long globalStep) {}

    /**
     * The keep-best monitor improved and {@code best.safetensors} was rewritten.
     *
     * @param file  the best model's file
     * @param epoch the 1-based epoch whose weights it holds
     * @param value the monitored metric at that epoch
     */
    default void onBestModelSaved(Path file, int epoch, String monitor, double value) {}

    /**
     * Early stopping ends the run after {@code epoch}: {@code monitor} has not improved for its patience.
     *
     * @param bestEpoch the 1-based epoch with the best value, {@code best}
     */
    default void onEarlyStop(int epoch, String monitor, int bestEpoch, double best) {}

    /**
     * Early stopping's {@code restore_best} put back the weights of {@code bestEpoch} before the final
     * model was written; {@code restored} is false when that epoch came before a resume, whose
     * weights this process never held (the model keeps its last weights then).
     */
    default void onBestWeightsRestored(int bestEpoch, boolean restored) {}

    /**
     * Something the run could not do that does not stop it, said in one line naming the file, e.g.
     * {@code curves.png} could not be drawn on a machine without fonts. Said once per cause.
     */
    default void onWarning(String message) {}
}
