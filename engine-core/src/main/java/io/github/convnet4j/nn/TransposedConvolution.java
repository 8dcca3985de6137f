package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Tensor;

/**
 * A transposed convolution written with the convolution ops it is the adjoint of, exactly: its
 * forward pass is a convolution's backward-data pass, its input gradient a convolution's forward
 * pass, its filter gradient a convolution's filter gradient with the roles of input and output
 * gradient exchanged. {@code params} is the geometry of the convolution that maps the transposed
 * output {@code (N, F, Ho, Wo)} back to its input {@code (N, C, H, W)}; the kernel is
 * {@code (C, F, R, S)}, PyTorch's {@code ConvTranspose2d} layout. Output rows or columns that no
 * window covers (Keras's output padding) get only the bias.
 */
public final class TransposedConvolution {
    private TransposedConvolution() {}

    /** {@code y (N, F, Ho, Wo) = convT(x (N, C, H, W), w (C, F, R, S)) + bias (F)}; bias may be null. */
    public static void forward(Backend b, ConvParams params, Tensor x, Tensor w, Tensor bias, Tensor y) {
        b.conv().backwardData(params, x, w, y);
        if (bias != null) b.elementwise().addBias(y, bias);
    }

    /** {@code dx (N, C, H, W)} from {@code dy (N, F, Ho, Wo)}. */
    public static void backwardData(Backend b, ConvParams params, Tensor dy, Tensor w, Tensor dx) {
        b.conv().forward(params, dy, w, null, dx);
    }

    /** {@code dw (C, F, R, S)} and, when non-null, {@code dbias (F)} from the input x and dy. */
    public static void backwardFilter(Backend b, ConvParams params, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        b.conv().backwardFilter(params, dy, x, dw, null);
        if (dbias != null) b.elementwise().biasGradient(dy, dbias);
    }
}
