package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * Depthwise 2-D convolution (cross-correlation), NCHW: each input channel is convolved with its own
 * {@code M} filters (the depth multiplier), PyTorch's {@code conv2d(groups=C)}. Shapes: input
 * {@code x (N, C, H, W)}, filters {@code w (C*M, 1, R, S)}, bias {@code (C*M)}, output
 * {@code y (N, C*M, P, Q)}; output channel {@code o} reads input channel {@code o / M} (Keras's
 * order). P and Q come from {@link ConvParams}; {@link DepthwiseConvContract} states the checks.
 * Outputs are overwritten and must not share memory with inputs.
 */
public interface DepthwiseConvOps {
    /** {@code y = depthwise(x, w) + bias}; bias may be null. */
    void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y);

    /** {@code dx (N, C, H, W) = dL/dx} from {@code dy (N, C*M, P, Q)}. */
    void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx);

    /** {@code dw (C*M, 1, R, S) = dL/dw} and, when non-null, {@code dbias (C*M) = dL/dbias}. */
    void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias);
}
