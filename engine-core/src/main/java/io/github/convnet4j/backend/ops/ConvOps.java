package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation), NCHW. Shapes: input {@code x (N, C, H, W)}, filters
 * {@code w (K, C, R, S)}, bias {@code (K)}, output {@code y (N, K, P, Q)} with P, Q from
 * {@link ConvParams#outputHeight} / {@link ConvParams#outputWidth}.
 */
public interface ConvOps {
    /** {@code y = conv(x, w) + bias}; bias may be null. */
    void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y);

    /** {@code dx = dL/dx} from {@code dy (N, K, P, Q)}; dx {@code (N, C, H, W)} is overwritten. */
    void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx);

    /** {@code dw = dL/dw (K, C, R, S)} and, when non-null, {@code dbias = dL/dbias (K)}; both overwritten. */
    void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias);
}
