package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.List;

/**
 * A layer with two or more inputs ({@code Add}, {@code Concatenate}, ...). The model calls the
 * list forms of {@code outputShape}, {@code build}, {@code forward} and {@code backward}; the
 * single-input forms refuse. Per-sample input shapes are in the order of the layer's
 * {@code inputs}; {@link #inputShape} holds the first.
 */
public abstract class MergeLayer extends AbstractLayer {
    /** Per-sample shapes of all inputs, set by {@link #build(Backend, List, DType, Rng)}. */
    protected List<Shape> inputShapes;

    protected MergeLayer(String type, String name, LayerConfig config) { super(type, name, config); }

    /**
     * The per-sample output shape for these per-sample input shapes.
     *
     * @throws ShapeException naming the layer and every input shape when they do not fit together
     */
    public abstract Shape outputShape(List<Shape> inputs);

    /**
     * Forward pass.
     *
     * @param inputs one batch per input, {@code (N, inputShapes[k]...)}
     * @return the output, owned by the layer and valid until the next forward
     */
    public abstract Tensor forward(Tensor[] inputs, ForwardContext ctx);

    /**
     * Backward pass for the last forward.
     *
     * @param dy   {@code (N, outputShape...)}
     * @param need which inputs need a gradient
     * @param dx   receives {@code dL/d(input k)} where {@code need[k]} (owned by the layer, or dy
     *             itself where the gradient passes through unchanged); entries not needed may be left
     */
    public abstract void backward(Tensor dy, boolean[] need, Tensor[] dx);

    /** Records the shapes and the backend, then calls {@link #onBuild()}; merge layers have no parameters. */
    public void build(Backend backend, List<Shape> inputs, DType dtype, Rng rng) {
        if (built()) throw new IllegalStateException("layer " + name() + " is already built");
        this.outputShape = outputShape(inputs);
        this.inputShapes = List.copyOf(inputs);
        this.inputShape = inputs.get(0);
        this.backend = backend;
        this.dtype = dtype;
        onBuild();
    }

    @Override public final Shape outputShape(Shape input) { throw new IllegalStateException(single()); }

    @Override public final void build(Backend backend, Shape input, DType dtype, Rng rng) { throw new IllegalStateException(single()); }

    @Override public final Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) { throw new IllegalStateException(single()); }

    @Override public final Tensor backward(Tensor dy, boolean needInputGradient) { throw new IllegalStateException(single()); }

    private String single() { return "layer " + name() + " (" + type() + ") merges several inputs; the model calls it with all of them"; }

    /** Checks that input k is {@code (N, inputShapes[k]...)} with the first input's N. */
    protected void checkInputs(Tensor[] xs) {
        if (!built()) throw new IllegalStateException("layer " + name() + " (" + type() + ") is not built");
        if (xs.length != inputShapes.size()) throw shapeError("expects " + inputShapes.size() + " inputs, got " + xs.length);
        for (int k = 0; k < xs.length; k++) {
            Shape s = xs[k].shape(), want = inputShapes.get(k);
            boolean ok = s.rank() == want.rank() + 1 && s.dim(0) == xs[0].dim(0);
            for (int i = 0; ok && i < want.rank(); i++) ok = s.dim(i + 1) == want.dim(i);
            if (!ok) throw shapeError("input " + k + " must be " + batchedString(want) + " with N = " + xs[0].dim(0) + ", got " + s);
            if (xs[k].dtype() != dtype) throw shapeError("expects " + dtype + " inputs, got " + xs[k].dtype());
        }
    }

    /** {@code "(8, 4, 4), (8, 4, 4)"}: the input shapes, for error messages. */
    protected static String list(List<Shape> shapes) {
        StringBuilder b = new StringBuilder();
        for (Shape s : shapes) b.append(b.length() == 0 ? "" : ", ").append(s);
        return b.toString();
    }

    /** Requires every input to have exactly the first input's shape. */
    protected void requireEqualShapes(List<Shape> inputs) {
        for (Shape s : inputs) {
            if (!s.equals(inputs.get(0))) throw shapeError("inputs must have equal shapes, got " + list(inputs));
        }
    }
}
