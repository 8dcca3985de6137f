package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Elementwise sum of two or more inputs of equal shape (Keras {@code Add}), e.g. a residual
 * connection: {@code y = x0 + x1 + ...}. Backward passes {@code dy} to every input unchanged.
 */
public final class Add extends MergeLayer {
    private TensorSlot outSlot;

    public Add(String name, LayerConfig c) { super("Add", name, c); }

    @Override public Shape outputShape(List<Shape> inputs) {
        requireEqualShapes(inputs);
        return inputs.get(0);
    }

    @Override protected void onBuild() { outSlot = slot(); }

    @Override public boolean backwardReadsOutput() { return false; }

    @Override public boolean canOverwriteInput() { return true; }

    @Override public Tensor forward(Tensor[] xs, ForwardContext ctx) {
        checkInputs(xs);
        Tensor y = overwritesInput() ? xs[0] : outSlot.get(backend, xs[0].shape(), dtype);
        backend.elementwise().add(xs[0], xs[1], y);
        for (int k = 2; k < xs.length; k++) backend.elementwise().add(y, xs[k], y);
        return y;
    }

    @Override public void backward(Tensor dy, boolean[] need, Tensor[] dx) {
        for (int k = 0; k < dx.length; k++) dx[k] = need[k] ? dy : null;
    }
}
