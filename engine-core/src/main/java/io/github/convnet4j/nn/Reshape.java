package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * A new per-sample shape with the same values in the same (channel-major) order (Keras
 * {@code Reshape}, but NCHW: {@code [C, H, W]} or {@code [F]}): e.g. an SE gate {@code (C)} to
 * {@code (C, 1, 1)}. A view: no copy, no allocation.
 *
 * <p>Config: {@code target_shape} (required), one to three positive integers whose product is the
 * input's size.
 */
public final class Reshape extends AbstractLayer {
    private final Shape target;
    private Shape xShape;
    private final ViewSlot out = new ViewSlot();
    private final ViewSlot dx = new ViewSlot();

    public Reshape(String name, LayerConfig c) {
        super("Reshape", name, c);
        Object v = c.raw("target_shape");
        if (v == null) throw c.missing("target_shape");
        if (!(v instanceof List<?> l) || l.isEmpty() || l.size() > 3) {
            throw new IllegalArgumentException("key 'target_shape' must be a list of 1 to 3 positive integers, got " + v);
        }
        int[] d = new int[l.size()];
        for (int i = 0; i < d.length; i++) {
            if (!(l.get(i) instanceof Integer n) || n < 1) throw new IllegalArgumentException("key 'target_shape' must hold positive integers, got " + v);
            d[i] = n;
        }
        target = Shape.of(d);
    }

    @Override public Shape outputShape(Shape input) {
        if (input.size() != target.size()) {
            throw shapeError("cannot reshape " + input + " (" + input.size() + " values) to " + target + " (" + target.size() + " values)");
        }
        return target;
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        xShape = x.shape();
        return out.batched(x, x.dim(0), target);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        return needInputGradient ? dx.of(dy, xShape) : null;
    }
}
