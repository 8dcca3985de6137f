package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * 2-D convolution with an optional fused activation. Input {@code (N, C, H, W)}, output
 * {@code (N, K, P, Q)} with {@code P = floor((H + padTop + padBottom - dilation*(R-1) - 1) / stride) + 1}.
 * Kernel {@code (K, C, R, S)} named {@code <layer>/kernel} and bias {@code (K)} named
 * {@code <layer>/bias}: PyTorch's layout, so exported weights load into {@code torch.nn.Conv2d}.
 *
 * <p>Config: {@code filters}, {@code kernel_size} (int or [h, w]), {@code strides} (1),
 * {@code padding} ("valid" | "same" | int | [h, w] | [top, left, bottom, right]),
 * {@code dilation_rate} (1), {@code use_bias} (true), {@code activation} ("linear"),
 * {@code kernel_initializer} ("glorot_uniform"), {@code bias_initializer} ("zeros"),
 * {@code kernel_regularizer} / {@code bias_regularizer} ({"l1": .., "l2": ..}).
 */
public final class Conv2D extends ConvolutionLayer<ConvParams> {
    private final int filters;
    private final int[] kernel;
    private final int[] strides;
    private final int[] dilation;
    private final Padding padding;

    /** The activated output of the last forward pass when the backend fused the activation, else null. */
    private Tensor fusedOutput;

    public Conv2D(String name, LayerConfig c) {
        super("Conv2D", name, c);
        filters = c.requiredInt("filters", 1);
        kernel = c.requiredPair("kernel_size", 1);
        strides = c.optionalPair("strides", new int[] {1, 1}, 1);
        padding = Padding.parse(c, "padding", true);
        dilation = c.optionalPair("dilation_rate", new int[] {1, 1}, 1);
        readOptions(c, "kernel");
    }

    /** Number of output channels K. */
    public int filters() { return filters; }

    /** The convolution geometry for an input (C, H, W). */
    @Override public ConvParams convParams(Shape input) {
        int[] p = padding.resolve(input.dim(1), input.dim(2), kernel[0], kernel[1], strides[0], strides[1], dilation[0], dilation[1]);
        return new ConvParams(strides[0], strides[1], p[0], p[1], p[2], p[3], dilation[0], dilation[1]);
    }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        ConvParams p;
        int outH, outW;
        try {
            p = convParams(input);
            outH = p.outputHeight(input.dim(1), kernel[0]);
            outW = p.outputWidth(input.dim(2), kernel[1]);
        } catch (IllegalArgumentException e) {
            throw shapeError("input " + input + " with padding " + padding + ", dilation " + dilation[0] + "×" + dilation[1] + ": " + e.getMessage());
        }
        if (outH <= 0 || outW <= 0) {
            String k = kernel[0] + "×" + kernel[1];
            String extra = (dilation[0] > 1 || dilation[1] > 1 ? " with dilation " + dilation[0] + "×" + dilation[1] : "")
                    + (p.padTop() + p.padBottom() + p.padLeft() + p.padRight() > 0 ? " after padding" : "");
            throw shapeError("input " + input + " is smaller than the " + k + " kernel" + extra);
        }
        return Shape.of(filters, outH, outW);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), field = kernel[0] * kernel[1];
        return options().kernelAndBias(Shape.of(filters, c, kernel[0], kernel[1]), filters, c * field, filters * field);
    }

    /**
     * Forward pass. Where the backend {@linkplain io.github.convnet4j.backend.ops.ConvOps#fusesActivation fuses}
     * the activation, one op writes the activated output and the backward pass hands the activation's
     * derivative to the convolution's backward ops; otherwise the activation runs as its own op.
     */
    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        Tensor z = begin(x);
        Activation a = outputActivation();
        if (!skipOutputActivation && a.kind() != Activation.Kind.LINEAR && backend.conv().fusesActivation(a)) {
            backend.conv().forward(params(), x, param("kernel"), param("bias"), a, z);
            fusedOutput = z;
            return z;
        }
        fusedOutput = null;
        convolve(x, z);
        return activate(z, skipOutputActivation);
    }

    /** After a fused forward, dy is the gradient of the activated output and the ops take the activation's derivative. */
    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor y = fusedOutput;
        if (y == null) return super.backward(dy, needInputGradient);
        Activation a = outputActivation();
        if (trainable()) backend.conv().backwardFilter(params(), input(), dy, a, y, paramGrad("kernel"), paramGrad("bias"));
        if (!needInputGradient) return null;
        Tensor dx = inputGradientBuffer();
        backend.conv().backwardData(params(), dy, a, y, param("kernel"), dx);
        return dx;
    }

    @Override void convolve(Tensor x, Tensor z) { backend.conv().forward(params(), x, param("kernel"), param("bias"), z); }

    @Override void filterGradient(Tensor x, Tensor dz) { backend.conv().backwardFilter(params(), x, dz, paramGrad("kernel"), paramGrad("bias")); }

    @Override void inputGradient(Tensor dz, Tensor dx) { backend.conv().backwardData(params(), dz, param("kernel"), dx); }
}
