package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Elementwise mean of two or more inputs of equal shape (Keras {@code Average}):
 * {@code y = (x0 + x1 + ...) / k}. Every input's gradient is {@code dy / k}, one shared tensor.
 */
public final class Average extends MergeLayer {
    private TensorSlot outSlot;
    private TensorSlot dxSlot;

    public Average(String name, LayerConfig c) { super("Average", name, c); }

    @Override public Shape outputShape(List<Shape> inputs) {
        requireEqualShapes(inputs);
        return inputs.get(0);
    }

    @Override protected void onBuild() {
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Tensor forward(Tensor[] xs, ForwardContext ctx) {
        checkInputs(xs);
        Tensor y = outSlot.get(backend, xs[0].shape(), dtype);
        backend.elementwise().add(xs[0], xs[1], y);
        for (int k = 2; k < xs.length; k++) backend.elementwise().add(y, xs[k], y);
        backend.elementwise().scale(y, 1.0 / xs.length);
        return y;
    }

    @Override public void backward(Tensor dy, boolean[] need, Tensor[] dx) {
        Tensor shared = gradientBuffer(dxSlot, dy.shape());
        backend.elementwise().copy(dy, shared);
        backend.elementwise().scale(shared, 1.0 / dx.length);
        for (int k = 0; k < dx.length; k++) dx[k] = need[k] ? shared : null;
    }
}
