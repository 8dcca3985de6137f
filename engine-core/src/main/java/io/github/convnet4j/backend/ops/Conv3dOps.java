package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * 3-D convolution (cross-correlation), NCDHW: input {@code x (N, C, D, H, W)}, filters
 * {@code w (K, C, T, R, S)}, bias {@code (K)}, output {@code y (N, K, OD, OH, OW)} with sizes from
 * {@link Conv3dParams}; {@link Conv3dContract} states the checks. Outputs are overwritten and must
 * not share memory with inputs.
 */
public interface Conv3dOps {
    /** {@code y = conv3d(x, w) + bias}; bias may be null. */
    void forward(Conv3dParams p, Tensor x, Tensor w, Tensor bias, Tensor y);

    /** {@code dx (N, C, D, H, W) = dL/dx} from {@code dy (N, K, OD, OH, OW)}. */
    void backwardData(Conv3dParams p, Tensor dy, Tensor w, Tensor dx);

    /** {@code dw (K, C, T, R, S) = dL/dw} and, when non-null, {@code dbias (K)}. */
    void backwardFilter(Conv3dParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias);
}
