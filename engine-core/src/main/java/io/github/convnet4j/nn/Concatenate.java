package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Joins two or more inputs along the channel axis (Keras {@code Concatenate} on channels; with
 * NCHW that is axis 1): {@code (C1, H, W) + (C2, H, W) -> (C1 + C2, H, W)}, or feature vectors
 * {@code (F1) + (F2) -> (F1 + F2)}. Forward copies each input into its channel range on the
 * device; backward splits {@code dy} back into the inputs' ranges.
 */
public final class Concatenate extends MergeLayer {
    private TensorSlot outSlot;
    private TensorSlot[] dxSlots;

    public Concatenate(String name, LayerConfig c) { super("Concatenate", name, c); }

    @Override public Shape outputShape(List<Shape> inputs) {
        Shape first = inputs.get(0);
        int channels = 0;
        for (Shape s : inputs) {
            boolean ok = s.rank() == first.rank();
            for (int i = 1; ok && i < s.rank(); i++) ok = s.dim(i) == first.dim(i);
            if (!ok) throw shapeError("inputs must agree in every dimension but channels, got " + list(inputs));
            channels += s.dim(0);
        }
        int[] d = first.dims().clone();
        d[0] = channels;
        return Shape.of(d);
    }

    @Override protected void onBuild() {
        outSlot = slot();
        dxSlots = new TensorSlot[inputShapes.size()];
        for (int k = 0; k < dxSlots.length; k++) dxSlots[k] = slot();
    }

    @Override public Tensor forward(Tensor[] xs, ForwardContext ctx) {
        checkInputs(xs);
        Tensor y = outSlot.batched(backend, xs[0].dim(0), outputShape, dtype);
        int offset = 0;
        for (Tensor x : xs) {
            backend.merge().copyChannels(x, 0, y, offset, x.dim(1));
            offset += x.dim(1);
        }
        return y;
    }

    @Override public void backward(Tensor dy, boolean[] need, Tensor[] dx) {
        int offset = 0, n = dy.dim(0);
        for (int k = 0; k < dx.length; k++) {
            int c = inputShapes.get(k).dim(0);
            if (need[k]) {
                dx[k] = gradientBuffer(dxSlots[k], n, inputShapes.get(k));
                backend.merge().copyChannels(dy, offset, dx[k], 0, c);
            }
            offset += c;
        }
    }
}
