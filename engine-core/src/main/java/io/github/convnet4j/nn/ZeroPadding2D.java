package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Zero rows and columns around each map (Keras {@code ZeroPadding2D}):
 * {@code (C, H, W) -> (C, top + H + bottom, left + W + right)}.
 *
 * <p>Config: {@code padding}: an integer (all sides), {@code [h, w]} (top = bottom = h,
 * left = right = w) or Keras's {@code [[top, bottom], [left, right]]}; default 1.
 */
public final class ZeroPadding2D extends AbstractLayer {
    private final int top, bottom, left, right;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Shape xShape;

    public ZeroPadding2D(String name, LayerConfig c) {
        super("ZeroPadding2D", name, c);
        Object v = c.raw("padding");
        int[] p = v == null ? new int[] {1, 1, 1, 1} : parse(v);
        top = p[0];
        bottom = p[1];
        left = p[2];
        right = p[3];
    }

    /** The amounts {@code {top, bottom, left, right}}. */
    public int[] amounts() { return new int[] {top, bottom, left, right}; }

    /** {@code {top, bottom, left, right}}. */
    private static int[] parse(Object v) {
        if (v instanceof Integer i && i >= 0) return new int[] {i, i, i, i};
        if (v instanceof List<?> l && l.size() == 2) {
            if (l.get(0) instanceof Integer h && l.get(1) instanceof Integer w && h >= 0 && w >= 0) return new int[] {h, h, w, w};
            if (l.get(0) instanceof List<?> a && l.get(1) instanceof List<?> b && a.size() == 2 && b.size() == 2) {
                int[] p = new int[4];
                Object[] all = {a.get(0), a.get(1), b.get(0), b.get(1)};
                for (int i = 0; i < 4; i++) {
                    if (!(all[i] instanceof Integer n) || n < 0) throw bad(v);
                    p[i] = n;
                }
                return p;
            }
        }
        throw bad(v);
    }

    /** The padding as {@code [top, left, bottom, right]} (ONNX's order of spatial begins, then ends). */
    public int[] pads() { return new int[] {top, left, bottom, right}; }

    private static IllegalArgumentException bad(Object v) {
        return new IllegalArgumentException("key 'padding' must be an integer >= 0, [h, w] or [[top, bottom], [left, right]], got " + v);
    }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        return Shape.of(input.dim(0), input.dim(1) + top + bottom, input.dim(2) + left + right);
    }

    @Override protected void onBuild() {
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        xShape = x.shape();
        Tensor y = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.merge().pad(x, y, top, left);
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        Tensor dx = gradientBuffer(dxSlot, xShape);
        backend.merge().crop(dy, dx, top, left);
        return dx;
    }
}
