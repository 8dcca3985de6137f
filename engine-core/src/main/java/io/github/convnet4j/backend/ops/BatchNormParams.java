package io.github.convnet4j.backend.ops;

/**
 * Batch normalization settings.
 *
 * @param epsilon         added to the variance before the square root (Keras default 1e-3)
 * @param averagingFactor weight of the new batch statistic in the running averages:
 *                        {@code running = (1 - f) * running + f * batch}; Keras momentum 0.99
 *                        is f = 0.01 (cuDNN's exponentialAverageFactor, PyTorch's momentum)
 */
public record BatchNormParams(double epsilon, double averagingFactor) {
    public BatchNormParams {
        if (!(epsilon > 0)) throw new IllegalArgumentException("batch-norm epsilon must be > 0, got " + epsilon);
        if (!(averagingFactor >= 0 && averagingFactor <= 1)) throw new IllegalArgumentException("batch-norm averaging factor must be in [0, 1]");
    }
}
