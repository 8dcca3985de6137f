package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Depthwise-separable 2-D convolution (Keras {@code SeparableConv2D}): a depthwise convolution
 * ({@code depth_multiplier} M filters per channel, no bias), then a 1x1 pointwise convolution to
 * {@code filters} F channels with bias. Input {@code (N, C, H, W)}, output {@code (N, F, P, Q)}.
 * Parameters {@code <layer>/depthwise_kernel (C*M, 1, R, S)}, {@code <layer>/pointwise_kernel
 * (F, C*M, 1, 1)}, {@code <layer>/bias (F)}: {@code R*S*C*M + C*M*F + F} in all.
 *
 * <p>Config: {@code filters}, {@code kernel_size}, {@code strides}, {@code padding},
 * {@code dilation_rate}, {@code depth_multiplier} (1), {@code use_bias} (true),
 * {@code activation} ("linear"), {@code depthwise_initializer} / {@code pointwise_initializer}
 * ("glorot_uniform"), {@code bias_initializer} ("zeros"), {@code depthwise_regularizer} /
 * {@code pointwise_regularizer} / {@code bias_regularizer}.
 */
public final class SeparableConv2D extends ConvolutionLayer<ConvParams> {
    private static final ConvParams POINTWISE = ConvParams.of(1, 0, 1);

    private final int filters;
    private final ConvWindow window;
    private final int multiplier;

    private TensorSlot midSlot;
    private TensorSlot dMidSlot;
    private Tensor mid;
    /** The pointwise step's input gradient of the running backward pass (see {@link #inputGradient}). */
    private Tensor dMid;

    public SeparableConv2D(String name, LayerConfig c) {
        super("SeparableConv2D", name, c);
        filters = c.requiredInt("filters", 1);
        window = ConvWindow.read(c);
        multiplier = c.optionalInt("depth_multiplier", 1, 1);
        readOptions(c, "depthwise", "pointwise");
    }

    /** The depthwise step's geometry for an input {@code (C, H, W)}; the pointwise step is 1x1, stride 1, no padding. */
    @Override public ConvParams convParams(Shape input) { return window.params(input); }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        int[] pq = window.outputSize(input, this);
        return Shape.of(filters, pq[0], pq[1]);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), k = c * multiplier, taps = window.taps();
        return options().withBias(filters,
                options().kernel(0, Shape.of(k, 1, window.kernel()[0], window.kernel()[1]), c * taps, multiplier * taps),
                options().kernel(1, Shape.of(filters, k, 1, 1), k, filters));
    }

    @Override protected void onBuild() {
        super.onBuild();
        midSlot = slot();
        dMidSlot = slot();
    }

    private Shape midShape(int n) {
        return Shape.of(n, inputShape.dim(0) * multiplier, outputShape.dim(1), outputShape.dim(2));
    }

    @Override void convolve(Tensor x, Tensor z) {
        mid = midSlot.get(backend, midShape(x.dim(0)), dtype);
        backend.depthwiseConv().forward(params(), x, param("depthwise_kernel"), null, mid);
        backend.conv().forward(POINTWISE, mid, param("pointwise_kernel"), param("bias"), z);
    }

    /** The pointwise step's input gradient dMid from dz. */
    private Tensor midGradient(Tensor dz) {
        Tensor d = gradientBuffer(dMidSlot, mid.shape());
        backend.conv().backwardData(POINTWISE, dz, param("pointwise_kernel"), d);
        return d;
    }

    /** Both steps' gradients: the pointwise one's from dz, the depthwise one's from dMid, kept for {@link #inputGradient}. */
    @Override void filterGradient(Tensor x, Tensor dz) {
        backend.conv().backwardFilter(POINTWISE, mid, dz, paramGrad("pointwise_kernel"), paramGrad("bias"));
        dMid = midGradient(dz);
        backend.depthwiseConv().backwardFilter(params(), x, dMid, paramGrad("depthwise_kernel"), null);
    }

    /** Runs after {@link #filterGradient} in the same pass when trainable, so dMid is there; else dMid is made here. */
    @Override void inputGradient(Tensor dz, Tensor dx) {
        Tensor d = trainable() ? dMid : midGradient(dz);
        backend.depthwiseConv().backwardData(params(), d, param("depthwise_kernel"), dx);
    }
}
