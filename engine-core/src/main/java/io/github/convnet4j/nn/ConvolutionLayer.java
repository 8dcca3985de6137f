package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * What the convolution layers share around their own op: the {@link ConvLayerOptions} read from
 * the spec, and the skeleton of both passes. Forward checks the input {@code (N, inputShape...)},
 * runs the layer's convolution with its bias into the output {@code (N, outputShape...)}
 * ({@link #convolve}) and applies the activation; backward takes the activation's derivative, then
 * the filter and bias gradients when the layer is trainable ({@link #filterGradient}) and the input
 * gradient when it is asked for ({@link #inputGradient}). Each layer keeps what is its own: its
 * geometry ({@link #convParams}, computed once at build), its parameters' shapes and the ops it runs.
 *
 * @param <P> the geometry type, {@code ConvParams} or {@code Conv3dParams}
 */
public abstract class ConvolutionLayer<P> extends AbstractLayer {
    private ConvLayerOptions options;
    private ActivationStage act;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private P params;

    ConvolutionLayer(String type, String name, LayerConfig c) {
        super(type, name, c);
    }

    /**
     * Reads the options; each layer calls it once, last in its constructor, so the keys are read
     * after its geometry keys as they always were (of two bad keys, the same one is reported).
     *
     * @param kernels the kernels' key prefixes ({@code "kernel"}, {@code "depthwise"}, ...)
     */
    final void readOptions(LayerConfig c, String... kernels) {
        if (options != null) throw new IllegalStateException("layer " + this + " has read its options already");
        options = ConvLayerOptions.read(c, kernels);
        act = own(new ActivationStage(options.activation()));
    }

    /** The options read from the spec. */
    final ConvLayerOptions options() { return options; }

    @Override public Activation outputActivation() { return options.activation(); }

    /**
     * The geometry of the layer's convolution for a per-sample input shape.
     *
     * @param input the per-sample input shape, e.g. {@code (C, H, W)}
     */
    public abstract P convParams(Shape input);

    /** The geometry for the input shape the layer was built for. */
    final P params() { return params; }

    /** Computes the geometry and makes the output and input-gradient buffers; a layer needing more calls this first. */
    @Override protected void onBuild() {
        params = convParams(inputShape);
        outSlot = slot();
        dxSlot = slot();
    }

    /** {@code z (N, outputShape...) = conv(x) + bias} (without the bias when {@code use_bias} is false). */
    abstract void convolve(Tensor x, Tensor z);

    /** The kernel's (and, with {@code use_bias}, the bias's) gradient from the input x and the pre-activation gradient dz. */
    abstract void filterGradient(Tensor x, Tensor dz);

    /** {@code dx (N, inputShape...)} from the pre-activation gradient dz. */
    abstract void inputGradient(Tensor dz, Tensor dx);

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        Tensor z = begin(x);
        convolve(x, z);
        return activate(z, skipOutputActivation);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dz = act.backward(backend, dy, gradientPool());
        if (trainable()) filterGradient(x, dz);
        if (!needInputGradient) return null;
        Tensor dx = inputGradientBuffer();
        inputGradient(dz, dx);
        return dx;
    }

    /** Checks x, keeps it for the backward pass, and returns the output buffer {@code (N, outputShape...)}. */
    final Tensor begin(Tensor x) {
        checkInput(x);
        this.x = x;
        return outSlot.batched(backend, x.dim(0), outputShape, dtype);
    }

    /** The activation of the pre-activation output z (z itself when linear or skipped). */
    final Tensor activate(Tensor z, boolean skip) { return act.forward(backend, z, skip); }

    /** The input of the last forward pass. */
    final Tensor input() { return x; }

    /** The buffer of the input gradient, shaped like the last input. */
    final Tensor inputGradientBuffer() { return gradientBuffer(dxSlot, x.shape()); }
}
