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
 */
public record EpochResult(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                          double learningRate, double seconds, double imagesPerSecond) {
    /** Whether the epoch was validated. */
    public boolean validated() { return !Double.isNaN(valLoss); }
}
