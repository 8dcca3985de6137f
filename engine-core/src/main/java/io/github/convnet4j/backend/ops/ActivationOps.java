package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * Activations over tensors of any shape; softmax works on each row of the {@code (dim(0), rest)}
 * matrix view. Outputs may alias inputs (in-place).
 */
public interface ActivationOps {
    /** {@code y = f(x)}. */
    void forward(Activation a, Tensor x, Tensor y);

    /**
     * {@code dx = dy * f'(x)}; for softmax {@code dx_i = y_i (dy_i - sum_j dy_j y_j)}. Takes both x
     * and the forward output y so each backend uses whichever is cheaper. dx may alias dy.
     */
    void backward(Activation a, Tensor x, Tensor y, Tensor dy, Tensor dx);
}
