package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/** Losses with their gradients in one pass. */
public interface LossOps {
    /**
     * Computes the mean loss of {@code output (N, F)} against {@code target (N, F)} (one-hot or soft
     * labels for the cross-entropies) and, when {@code grad} is non-null, writes
     * {@code dLoss/dOutput (N, F)} into it. This is one of the few calls that returns to the host.
     *
     * @return the mean loss, as defined per {@link LossKind}
     */
    double forwardBackward(LossKind kind, Tensor output, Tensor target, Tensor grad);
}
