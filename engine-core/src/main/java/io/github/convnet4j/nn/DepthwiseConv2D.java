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
public final class DepthwiseConv2D extends AbstractLayer {
    private final ConvWindow window;
    private final int multiplier;
    private final boolean useBias;
    private final Initializer kernelInit;
    private final Initializer biasInit;
    private final Regularizer kernelReg;
    private final Regularizer biasReg;
    private final ActivationStage act;

    private ConvParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;

    public DepthwiseConv2D(String name, LayerConfig c) {
        super("DepthwiseConv2D", name, c);
        window = ConvWindow.read(c);
        multiplier = c.optionalInt("depth_multiplier", 1, 1);
        useBias = c.optionalBoolean("use_bias", true);
        act = new ActivationStage(c.optionalActivation("activation", Activation.LINEAR));
        kernelInit = c.optionalInitializer("depthwise_initializer", new GlorotUniform());
        biasInit = c.optionalInitializer("bias_initializer", Constant.ZEROS);
        kernelReg = c.optionalRegularizer("depthwise_regularizer");
        biasReg = c.optionalRegularizer("bias_regularizer");
        own(act);
    }

    /** The geometry for an input {@code (C, H, W)}: strides, resolved pads, dilation. */
    public ConvParams convParams(Shape input) { return window.params(input); }

    /** Filters per input channel ({@code depth_multiplier}). */
    public int depthMultiplier() { return multiplier; }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        int[] pq = window.outputSize(input, this);
        return Shape.of(input.dim(0) * multiplier, pq[0], pq[1]);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), k = c * multiplier, taps = window.taps();
        List<ParameterSpec> specs = new ArrayList<>();
        // Keras's fans for a (R, S, C, M) depthwise kernel: R*S*C in, R*S*M out.
        specs.add(ParameterSpec.weight("depthwise_kernel", Shape.of(k, 1, window.kernel()[0], window.kernel()[1]), kernelInit,
                c * taps, multiplier * taps, kernelReg));
        if (useBias) specs.add(ParameterSpec.weight("bias", Shape.of(k), biasInit, c * taps, multiplier * taps, biasReg));
        return specs;
    }

    @Override protected void onBuild() {
        params = convParams(inputShape);
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Activation outputActivation() { return act.activation(); }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        Tensor z = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.depthwiseConv().forward(params, x, param("depthwise_kernel"), param("bias"), z);
        return act.forward(backend, z, skipOutputActivation);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dz = act.backward(backend, dy);
        if (trainable()) backend.depthwiseConv().backwardFilter(params, x, dz, paramGrad("depthwise_kernel"), paramGrad("bias"));
        if (!needInputGradient) return null;
        Tensor dx = dxSlot.get(backend, x.shape(), dtype);
        backend.depthwiseConv().backwardData(params, dz, param("depthwise_kernel"), dx);
        return dx;
    }
}
