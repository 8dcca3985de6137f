package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * An activation as a layer of its own (Keras {@code Activation}): same shape in and out. Softmax
 * runs over each sample's values ({@code (N, F)} rows; for images over all of C*H*W). Config:
 * {@code activation} (required). {@link ReLU}, {@link LeakyReLU}, {@link ELU} and {@link Softmax}
 * are the fixed-function variants.
 */
public class ActivationLayer extends AbstractLayer {
    private final ActivationStage stage;

    public ActivationLayer(String name, LayerConfig c) {
        this("Activation", name, c, required(c));
    }

    /** For the fixed-function subclasses. */
    protected ActivationLayer(String type, String name, LayerConfig c, Activation activation) {
        super(type, name, c);
        stage = own(new ActivationStage(activation));
    }

    private static Activation required(LayerConfig c) {
        if (!c.has("activation")) throw c.missing("activation");
        return c.optionalActivation("activation", Activation.LINEAR);
    }

    /** The function this layer applies. */
    public Activation activation() { return stage.activation(); }

    @Override public Activation outputActivation() { return stage.activation(); }

    @Override public Shape outputShape(Shape input) { return input; }

    /** ReLU: {@code relu'(x)} is 1 exactly where the output is positive, so backward needs no copy of x. */
    @Override public boolean canOverwriteInput() { return stage.activation().kind() == Activation.Kind.RELU; }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        return stage.forward(backend, x, skipOutputActivation, overwritesInput());
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        return needInputGradient ? stage.backward(backend, dy, gradientPool()) : null;
    }
}
