package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Transposed 2-D convolution (Keras {@code Conv2DTranspose}), run as {@link TransposedConvolution}.
 * Input {@code (N, C, H, W)}, output {@code (N, F, Ho, Wo)}, per axis with dilated kernel
 * {@code kd = d*(k-1)+1}: without {@code output_padding}, {@code valid} gives {@code n*s + max(kd-s, 0)}
 * and {@code same} gives {@code n*s}; with it, {@code (n-1)*s + kd - 2*pad + output_padding} where
 * {@code pad} is {@code kd/2} for same and 0 for valid. Kernel {@code (C, F, R, S)} named
 * {@code <layer>/kernel} (PyTorch's {@code ConvTranspose2d} layout) and bias {@code (F)}:
 * {@code C*F*R*S + F} parameters.
 *
 * <p>Config: {@code filters}, {@code kernel_size}, {@code strides} (1), {@code padding}
 * ("valid" | "same"), {@code output_padding} (none; int or [h, w], each below the stride),
 * {@code dilation_rate} (1), {@code use_bias} (true), {@code activation} ("linear"),
 * {@code kernel_initializer} ("glorot_uniform"), {@code bias_initializer} ("zeros"),
 * {@code kernel_regularizer} / {@code bias_regularizer}.
 */
public final class Conv2DTranspose extends ConvolutionLayer<ConvParams> {
    private final int filters;
    private final int[] kernel;
    private final int[] strides;
    private final int[] dilation;
    private final int[] outputPadding;
    private final boolean same;

    public Conv2DTranspose(String name, LayerConfig c) {
        super("Conv2DTranspose", name, c);
        filters = c.requiredInt("filters", 1);
        kernel = c.requiredPair("kernel_size", 1);
        strides = c.optionalPair("strides", new int[] {1, 1}, 1);
        same = Padding.parse(c, "padding", false).isSame();
        outputPadding = c.optionalPair("output_padding", null, 0);
        dilation = c.optionalPair("dilation_rate", new int[] {1, 1}, 1);
        if (outputPadding != null && (outputPadding[0] >= strides[0] || outputPadding[1] >= strides[1])) {
            throw new IllegalArgumentException("key 'output_padding' must be below the strides " + strides[0] + "×" + strides[1]
                    + ", got " + outputPadding[0] + "×" + outputPadding[1]);
        }
        readOptions(c, "kernel");
    }

    private int dilated(int axis) { return dilation[axis] * (kernel[axis] - 1) + 1; }

    /** Keras's output length along one axis. */
    private int outputLength(int n, int axis) {
        int kd = dilated(axis), s = strides[axis];
        if (outputPadding == null) return same ? n * s : n * s + Math.max(kd - s, 0);
        int pad = same ? kd / 2 : 0;
        return (n - 1) * s + kd - 2 * pad + outputPadding[axis];
    }

    /** {@code {before, after}} padding of the convolution from the output back to an input of length n. */
    private int[] padding(int n, int axis) {
        if (outputPadding != null) {
            int pad = same ? dilated(axis) / 2 : 0;
            return new int[] {pad, pad};
        }
        return same ? Padding.same(outputLength(n, axis), kernel[axis], strides[axis], dilation[axis]) : new int[2];
    }

    /**
     * The geometry of the convolution that maps this layer's output {@code (F, Ho, Wo)} back to an
     * input {@code (C, H, W)}: the transposed convolution is its adjoint.
     */
    @Override public ConvParams convParams(Shape input) {
        int[] ph = padding(input.dim(1), 0), pw = padding(input.dim(2), 1);
        return new ConvParams(strides[0], strides[1], ph[0], pw[0], ph[1], pw[1], dilation[0], dilation[1]);
    }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        int h = outputLength(input.dim(1), 0), w = outputLength(input.dim(2), 1);
        if (h <= 0 || w <= 0) throw shapeError("input " + input + " gives an empty output " + h + "×" + w);
        return Shape.of(filters, h, w);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), field = kernel[0] * kernel[1];
        // Keras's fans for a (R, S, F, C) transposed kernel: F*R*S in, C*R*S out.
        return options().kernelAndBias(Shape.of(c, filters, kernel[0], kernel[1]), filters, filters * field, c * field);
    }

    @Override void convolve(Tensor x, Tensor z) { TransposedConvolution.forward(backend, params(), x, param("kernel"), param("bias"), z); }

    @Override void filterGradient(Tensor x, Tensor dz) {
        TransposedConvolution.backwardFilter(backend, params(), x, dz, paramGrad("kernel"), paramGrad("bias"));
    }

    @Override void inputGradient(Tensor dz, Tensor dx) { TransposedConvolution.backwardData(backend, params(), dz, param("kernel"), dx); }
}
