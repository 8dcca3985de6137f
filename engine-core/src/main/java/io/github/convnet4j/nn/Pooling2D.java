package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Shared body of max and average pooling: input {@code (N, C, H, W)}, output {@code (N, C, P, Q)}.
 * Config: {@code pool_size} (2 or [h, w]), {@code strides} (default: pool_size),
 * {@code padding} ("valid" | "same").
 */
public abstract class Pooling2D extends AbstractLayer {
    private final PoolParams.Mode mode;
    private final int[] pool;
    private final int[] strides;
    private final Padding padding;

    private PoolParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private Tensor y;

    protected Pooling2D(String type, PoolParams.Mode mode, String name, LayerConfig c) {
        super(type, name, c);
        this.mode = mode;
        pool = c.optionalPair("pool_size", new int[] {2, 2}, 1);
        strides = c.optionalPair("strides", pool, 1);
        padding = Padding.parse(c, "padding", false);
    }

    /** The pooling geometry for an input (C, H, W). */
    public PoolParams poolParams(Shape input) {
        int[] p = padding.resolve(input.dim(1), input.dim(2), pool[0], pool[1], strides[0], strides[1], 1, 1);
        return new PoolParams(mode, pool[0], pool[1], strides[0], strides[1], p[0], p[1], p[2], p[3]);
    }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        PoolParams p;
        int outH, outW;
        try {
            p = poolParams(input);
            outH = p.outputHeight(input.dim(1));
            outW = p.outputWidth(input.dim(2));
        } catch (IllegalArgumentException e) {
            throw shapeError("input " + input + " with padding " + padding + ": " + e.getMessage());
        }
        if (outH <= 0 || outW <= 0) throw shapeError("input " + input + " is smaller than the " + pool[0] + "×" + pool[1] + " pool window");
        return Shape.of(input.dim(0), outH, outW);
    }

    @Override protected void onBuild() {
        params = poolParams(inputShape);
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        y = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.pool().forward(params, x, y);
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        Tensor dx = gradientBuffer(dxSlot, x.shape());
        backend.pool().backward(params, x, y, dy, dx);
        return dx;
    }
}
