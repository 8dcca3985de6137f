package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * Nearest-neighbour upsampling of {@code x (N, C, H, W)} into {@code y (N, C, H*fh, W*fw)}, and its
 * gradient, which sums each {@code fh x fw} block of {@code dy}. {@link UpsampleContract} states the
 * checks. Outputs are overwritten and must not share memory with inputs.
 */
public interface UpsampleOps {
    /** {@code y[n, c, h, w] = x[n, c, h / fh, w / fw]}. */
    void forward(UpsampleParams p, Tensor x, Tensor y);

    /** {@code dx[n, c, i, j] = sum of dy[n, c, i*fh + a, j*fw + b]} over the block, {@code dx (N, C, H, W)}. */
    void backward(UpsampleParams p, Tensor dy, Tensor dx);
}
