package io.github.convnet4j.backend.ops;

/**
 * The losses, each fused with its output activation where that makes it numerically stable.
 * Rows are samples: outputs and targets are {@code (N, F)}.
 */
public enum LossKind {
    /**
     * Categorical cross-entropy on logits z, softmax fused: per sample
     * {@code -sum_i t_i log softmax(z)_i}, computed with the max subtracted; mean over N.
     * Gradient {@code (softmax(z) * sum_i t_i - t) / N}.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Binary cross-entropy on logits z, sigmoid fused: per element
     * {@code max(z,0) - z t + log(1 + exp(-|z|))}; mean over all N*F elements.
     * Gradient {@code (sigmoid(z) - t) / (N F)}.
     */
    SIGMOID_BINARY_CROSS_ENTROPY,
    /** Mean squared error over all elements; gradient {@code 2 (o - t) / (N F)}. */
    MEAN_SQUARED_ERROR,
    /** Mean absolute error over all elements; gradient {@code sign(o - t) / (N F)}, sign(0) = 0. */
    MEAN_ABSOLUTE_ERROR
}
