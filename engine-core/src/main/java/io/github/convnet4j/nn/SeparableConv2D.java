package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.init.Constant;
import io.github.convnet4j.init.GlorotUniform;
import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
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
public final class SeparableConv2D extends AbstractLayer {
    private static final ConvParams POINTWISE = ConvParams.of(1, 0, 1);

    private final int filters;
    private final ConvWindow window;
    private final int multiplier;
    private final boolean useBias;
    private final Initializer depthwiseInit;
    private final Initializer pointwiseInit;
    private final Initializer biasInit;
    private final Regularizer depthwiseReg;
    private final Regularizer pointwiseReg;
    private final Regularizer biasReg;
    private final ActivationStage act;

    private ConvParams params;
    private TensorSlot midSlot;
    private TensorSlot outSlot;
    private TensorSlot dMidSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private Tensor mid;

    public SeparableConv2D(String name, LayerConfig c) {
        super("SeparableConv2D", name, c);
        filters = c.requiredInt("filters", 1);
        window = ConvWindow.read(c);
        multiplier = c.optionalInt("depth_multiplier", 1, 1);
        useBias = c.optionalBoolean("use_bias", true);
        act = new ActivationStage(c.optionalActivation("activation", Activation.LINEAR));
        depthwiseInit = c.optionalInitializer("depthwise_initializer", new GlorotUniform());
        pointwiseInit = c.optionalInitializer("pointwise_initializer", new GlorotUniform());
        biasInit = c.optionalInitializer("bias_initializer", Constant.ZEROS);
        depthwiseReg = c.optionalRegularizer("depthwise_regularizer");
        pointwiseReg = c.optionalRegularizer("pointwise_regularizer");
        biasReg = c.optionalRegularizer("bias_regularizer");
        own(act);
    }

    /** The depthwise step's geometry for an input {@code (C, H, W)}; the pointwise step is 1x1, stride 1, no padding. */
    public ConvParams convParams(Shape input) { return window.params(input); }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        int[] pq = window.outputSize(input, this);
        return Shape.of(filters, pq[0], pq[1]);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), k = c * multiplier, taps = window.taps();
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.weight("depthwise_kernel", Shape.of(k, 1, window.kernel()[0], window.kernel()[1]), depthwiseInit,
                c * taps, multiplier * taps, depthwiseReg));
        specs.add(ParameterSpec.weight("pointwise_kernel", Shape.of(filters, k, 1, 1), pointwiseInit, k, filters, pointwiseReg));
        if (useBias) specs.add(ParameterSpec.weight("bias", Shape.of(filters), biasInit, k, filters, biasReg));
        return specs;
    }

    @Override protected void onBuild() {
        params = convParams(inputShape);
        midSlot = slot();
        outSlot = slot();
        dMidSlot = slot();
        dxSlot = slot();
    }

    @Override public Activation outputActivation() { return act.activation(); }

    private Shape midShape(int n) {
        return Shape.of(n, inputShape.dim(0) * multiplier, outputShape.dim(1), outputShape.dim(2));
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        mid = midSlot.get(backend, midShape(x.dim(0)), dtype);
        backend.depthwiseConv().forward(params, x, param("depthwise_kernel"), null, mid);
        Tensor z = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.conv().forward(POINTWISE, mid, param("pointwise_kernel"), param("bias"), z);
        return act.forward(backend, z, skipOutputActivation);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dz = act.backward(backend, dy);
        if (trainable()) backend.conv().backwardFilter(POINTWISE, mid, dz, paramGrad("pointwise_kernel"), paramGrad("bias"));
        if (!trainable() && !needInputGradient) return null;
        Tensor dMid = dMidSlot.get(backend, mid.shape(), dtype);
        backend.conv().backwardData(POINTWISE, dz, param("pointwise_kernel"), dMid);
        if (trainable()) backend.depthwiseConv().backwardFilter(params, x, dMid, paramGrad("depthwise_kernel"), null);
        if (!needInputGradient) return null;
        Tensor dx = dxSlot.get(backend, x.shape(), dtype);
        backend.depthwiseConv().backwardData(params, dMid, param("depthwise_kernel"), dx);
        return dx;
    }
}
