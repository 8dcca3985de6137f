package io.github.convnet4j.train;

/**
 * One finished epoch.
 *
 * @param epoch           1-based epoch number
 * @param loss            mean training loss over the epoch's samples (with the L1/L2 penalty)
 * @param accuracy        fraction of training samples predicted correctly, during training
 * @param valLoss         validation loss (with the penalty), NaN without validation data
 * @param valAccuracy     validation accuracy, NaN without validation data
 * @param learningRate    the learning rate of the epoch's last step
 * @param seconds         wall time of the epoch, validation included (for a resumed epoch: both parts)
 * @param imagesPerSecond training samples per second of training time
 * @param dataWaitSeconds seconds the training steps spent getting their batches (copying or waiting for
 *                        the loader threads; for a resumed epoch, the part after the resume); NaN when unknown
 */
public record EpochResult(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                          double learningRate, double seconds, double imagesPerSecond, double dataWaitSeconds) {
    /** An epoch whose data wait was not measured. */
    public EpochResult(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                       double learningRate, double seconds, double imagesPerSecond) {
        this(epoch, loss, accuracy, valLoss, valAccuracy, learningRate, seconds, imagesPerSecond, Double.NaN);
    }

    /** Whether the epoch was validated. */
    public boolean validated() { return !Double.isNaN(valLoss); }
}
