package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation), NCHW. Shapes: input {@code x (N, C, H, W)}, filters
 * {@code w (K, C, R, S)}, bias {@code (K)}, output {@code y (N, K, P, Q)} with P, Q from
 * {@link ConvParams#outputHeight} / {@link ConvParams#outputWidth}.
 *
 * <p>A backend may also take an activation into the convolution ({@link #fusesActivation}): the
 * forward pass then writes {@code f(conv + bias)} without a separate sweep over the output, and the
 * backward passes take the gradient with respect to that activated output together with the output
 * itself, applying {@code f'} as they read it. The fused forms must give the same values as the
 * convolution followed by {@link ActivationOps} (the CPU backend gives the same bits). Backends that
 * do not fuse keep the defaults, and layers then call the activation op themselves.
 */
public interface ConvOps {
    /** {@code y = conv(x, w) + bias}; bias may be null. */
    void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y);

    /** {@code dx = dL/dx} from {@code dy (N, K, P, Q)}; dx {@code (N, C, H, W)} is overwritten. */
    void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx);

    /** {@code dw = dL/dw (K, C, R, S)} and, when non-null, {@code dbias = dL/dbias (K)}; both overwritten. */
    void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias);

    /**
     * Whether the fused forms below take activation {@code a}. Default false: the fused forms are
     * never called and throw.
     */
    default boolean fusesActivation(Activation a) { return false; }

    /**
     * {@code y = f(conv(x, w) + bias)} in one pass, f = {@code a}; bias may be null. Only where
     * {@link #fusesActivation}{@code (a)}.
     */
    default void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Activation a, Tensor y) {
        throw unsupported(a);
    }

    /**
     * {@link #backwardData} of {@code dz = dy * f'(z)}, where {@code y (N, K, P, Q) = f(z)} is the output
     * of the fused {@link #forward(ConvParams, Tensor, Tensor, Tensor, Activation, Tensor)} and dy
     * the gradient with respect to it; dy and y are left unchanged. Only where
     * {@link #fusesActivation}{@code (a)}.
     */
    default void backwardData(ConvParams p, Tensor dy, Activation a, Tensor y, Tensor w, Tensor dx) {
        throw unsupported(a);
    }

    /**
     * {@link #backwardFilter} of {@code dz = dy * f'(z)}, y and dy as in
     * {@link #backwardData(ConvParams, Tensor, Activation, Tensor, Tensor, Tensor)}. Only where
     * {@link #fusesActivation}{@code (a)}.
     */
    default void backwardFilter(ConvParams p, Tensor x, Tensor dy, Activation a, Tensor y, Tensor dw, Tensor dbias) {
        throw unsupported(a);
    }

    private static UnsupportedOperationException unsupported(Activation a) {
        return new UnsupportedOperationException("this backend does not fuse activation " + a.kind() + " into convolutions");
    }
}
