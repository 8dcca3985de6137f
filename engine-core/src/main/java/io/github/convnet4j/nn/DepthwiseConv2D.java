package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Depthwise 2-D convolution (Keras {@code DepthwiseConv2D}): each input channel convolved with its
 * own {@code depth_multiplier} filters. Input {@code (N, C, H, W)}, output {@code (N, C*M, P, Q)}.
 * Kernel {@code (C*M, 1, R, S)} named {@code <layer>/depthwise_kernel} (PyTorch's
 * {@code Conv2d(groups=C)} layout) and bias {@code (C*M)}: {@code R*S*C*M + C*M} parameters.
 *
 * <p>Config: {@code kernel_size}, {@code strides}, {@code padding}, {@code dilation_rate},
 * {@code depth_multiplier} (1), {@code use_bias} (true), {@code activation} ("linear"),
 * {@code depthwise_initializer} ("glorot_uniform"), {@code bias_initializer} ("zeros"),
 * {@code depthwise_regularizer} / {@code bias_regularizer}.
 */
public final class DepthwiseConv2D extends ConvolutionLayer<ConvParams> {
    private final ConvWindow window;
    private final int multiplier;

    public DepthwiseConv2D(String name, LayerConfig c) {
        super("DepthwiseConv2D", name, c);
        window = ConvWindow.read(c);
        multiplier = c.optionalInt("depth_multiplier", 1, 1);
        readOptions(c, "depthwise");
    }

    /** The geometry for an input {@code (C, H, W)}: strides, resolved pads, dilation. */
    @Override public ConvParams convParams(Shape input) { return window.params(input); }

    /** Filters per input channel ({@code depth_multiplier}). */
    public int depthMultiplier() { return multiplier; }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        int[] pq = window.outputSize(input, this);
        return Shape.of(input.dim(0) * multiplier, pq[0], pq[1]);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), k = c * multiplier, taps = window.taps();
        // Keras's fans for a (R, S, C, M) depthwise kernel: R*S*C in, R*S*M out.
        return options().kernelAndBias(Shape.of(k, 1, window.kernel()[0], window.kernel()[1]), k, c * taps, multiplier * taps);
    }

    @Override void convolve(Tensor x, Tensor z) { backend.depthwiseConv().forward(params(), x, param("depthwise_kernel"), param("bias"), z); }

    @Override void filterGradient(Tensor x, Tensor dz) {
        backend.depthwiseConv().backwardFilter(params(), x, dz, paramGrad("depthwise_kernel"), paramGrad("bias"));
    }

    @Override void inputGradient(Tensor dz, Tensor dx) { backend.depthwiseConv().backwardData(params(), dz, param("depthwise_kernel"), dx); }
}
