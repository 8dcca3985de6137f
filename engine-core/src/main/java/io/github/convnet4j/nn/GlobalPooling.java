package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Shared body of the global poolings over 1, 2 or 3 spatial axes: {@code (N, C, ...)} into
 * {@code (N, C)}, run as one pooling window over the view {@code (N, C, 1, L)}, L the product of
 * the spatial sizes: max or mean over a set does not depend on how the set is laid out.
 */
public abstract class GlobalPooling extends AbstractLayer {
    private final PoolParams.Mode mode;
    private final int spatialAxes;
    private PoolParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private Tensor pooled;

    protected GlobalPooling(String type, PoolParams.Mode mode, int spatialAxes, String name, LayerConfig c) {
        super(type, name, c);
        this.mode = mode;
        this.spatialAxes = spatialAxes;
    }

    @Override public Shape outputShape(Shape input) {
        if (spatialAxes == 2) requireImage(input);
        if (input.rank() != spatialAxes + 1) {
            String want = switch (spatialAxes) {
                case 1 -> "a sequence input (C, L)";
                case 2 -> "an image input (C, H, W)";
                default -> "a volume input (C, D, H, W)";
            };
            throw shapeError("expects " + want + ", got " + input);
        }
        return Shape.of(input.dim(0));
    }

    /** Max or average. */
    public PoolParams.Mode mode() { return mode; }

    private int spatialSize() { return Math.toIntExact(inputShape.size() / inputShape.dim(0)); }

    @Override protected void onBuild() {
        int l = spatialSize();
        params = new PoolParams(mode, 1, l, 1, l, 0, 0, 0, 0);
        outSlot = slot();
        dxSlot = slot();
    }

    private Tensor flat(Tensor t) { return t.reshape(Shape.of(t.dim(0), inputShape.dim(0), 1, spatialSize())); }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        int n = x.dim(0), c = inputShape.dim(0);
        pooled = outSlot.get(backend, Shape.of(n, c, 1, 1), dtype);
        backend.pool().forward(params, flat(x), pooled);
        return pooled.reshape(Shape.of(n, c));
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        Tensor dx = gradientBuffer(dxSlot, x.shape());
        backend.pool().backward(params, flat(x), pooled, dy.reshape(pooled.shape()), flat(dx));
        return dx;
    }
}
