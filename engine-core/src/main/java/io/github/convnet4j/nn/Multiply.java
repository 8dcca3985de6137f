package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Elementwise product of two inputs (Keras {@code Multiply}): of equal shapes, or a per-channel
 * gate {@code (C)} or {@code (C, 1, 1)} times a map {@code (C, H, W)} in either order, the
 * squeeze-and-excitation rescaling. The output has the larger input's shape.
 */
public final class Multiply extends MergeLayer {
    /** Index of the gate input when broadcasting, else -1. */
    private int gate = -1;
    private Tensor[] inputs;
    private TensorSlot outSlot;
    private TensorSlot[] dxSlots;

    public Multiply(String name, LayerConfig c) { super("Multiply", name, c); }

    @Override public Shape outputShape(List<Shape> in) {
        if (in.size() != 2) throw shapeError("multiplies exactly two inputs, got " + in.size());
        int g = gateIndex(in);
        if (g < 0 && !in.get(0).equals(in.get(1))) {
            throw shapeError("inputs must have equal shapes, or be a (C) or (C, 1, 1) gate and a (C, H, W) map, got " + list(in));
        }
        return in.get(g == 0 ? 1 : 0);
    }

    /** Which input is a channel gate for the other (a (C, H, W) map), or -1. */
    private static int gateIndex(List<Shape> in) {
        for (int g = 0; g < 2; g++) {
            Shape gs = in.get(g), map = in.get(1 - g);
            boolean isGate = gs.rank() == 1 || gs.rank() == 3 && gs.dim(1) == 1 && gs.dim(2) == 1;
            if (map.rank() == 3 && isGate && gs.dim(0) == map.dim(0) && !gs.equals(map)) return g;
        }
        return -1;
    }

    @Override protected void onBuild() {
        gate = gateIndex(inputShapes);
        inputs = new Tensor[inputShapes.size()];
        outSlot = slot();
        dxSlots = new TensorSlot[] {slot(), slot()};
    }

    @Override public Tensor forward(Tensor[] xs, ForwardContext ctx) {
        checkInputs(xs);
        System.arraycopy(xs, 0, inputs, 0, xs.length);
        int mapIndex = gate == 0 ? 1 : 0;
        Tensor y = outSlot.get(backend, xs[mapIndex].shape(), dtype);
        if (gate < 0) backend.elementwise().multiply(xs[0], xs[1], y);
        else backend.merge().scaleChannels(xs[mapIndex], xs[gate], y);
        return y;
    }

    @Override public void backward(Tensor dy, boolean[] need, Tensor[] dx) {
        for (int k = 0; k < 2; k++) {
            if (!need[k]) continue;
            Tensor other = inputs[1 - k];
            dx[k] = gradientBuffer(dxSlots[k], inputs[k].shape());
            if (gate < 0) backend.elementwise().multiply(dy, other, dx[k]);
            else if (k == gate) backend.merge().gateGradient(dy, other, dx[k]);
            else backend.merge().scaleChannels(dy, other, dx[k]);
        }
    }
}
