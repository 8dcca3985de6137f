package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/** Max and average pooling over {@code x (N, C, H, W)} into {@code y (N, C, P, Q)}. */
public interface PoolOps {
    /** Pools {@code x} into {@code y}. */
    void forward(PoolParams p, Tensor x, Tensor y);

    /**
     * {@code dx (N, C, H, W)} from {@code dy (N, C, P, Q)}, overwritten. Max pooling routes each
     * window's gradient to the first position (row-major scan) holding the window's maximum,
     * recomputed from {@code x}; {@code y} is a hint a backend may use and may be null.
     */
    void backward(PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx);
}
