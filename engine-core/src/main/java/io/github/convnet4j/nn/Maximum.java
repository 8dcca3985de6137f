package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Elementwise maximum of two or more inputs of equal shape (Keras {@code Maximum}). Backward routes
 * {@code dy} to the input that holds the maximum; inputs tied for it each receive it.
 */
public final class Maximum extends MergeLayer {
    private Tensor[] inputs;
    private Tensor y;
    private TensorSlot outSlot;
    private TensorSlot[] dxSlots;

    public Maximum(String name, LayerConfig c) { super("Maximum", name, c); }

    @Override public Shape outputShape(List<Shape> in) {
        requireEqualShapes(in);
        return in.get(0);
    }

    @Override protected void onBuild() {
        inputs = new Tensor[inputShapes.size()];
        outSlot = slot();
        dxSlots = new TensorSlot[inputShapes.size()];
        for (int k = 0; k < dxSlots.length; k++) dxSlots[k] = slot();
    }

    @Override public Tensor forward(Tensor[] xs, ForwardContext ctx) {
        checkInputs(xs);
        System.arraycopy(xs, 0, inputs, 0, xs.length);
        y = outSlot.get(backend, xs[0].shape(), dtype);
        backend.merge().maximum(xs[0], xs[1], y);
        for (int k = 2; k < xs.length; k++) backend.merge().maximum(y, xs[k], y);
        return y;
    }

    @Override public void backward(Tensor dy, boolean[] need, Tensor[] dx) {
        for (int k = 0; k < dx.length; k++) {
            if (!need[k]) continue;
            dx[k] = gradientBuffer(dxSlots[k], dy.shape());
            backend.merge().routeMaximum(inputs[k], y, dy, dx[k]);
        }
    }
}
