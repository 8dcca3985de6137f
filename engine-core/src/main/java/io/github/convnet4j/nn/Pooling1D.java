package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Shared body of 1-D max and average pooling on {@code (N, C, L)} into {@code (N, C, Lo)}, run as
 * 2-D pooling of the view {@code (N, C, 1, L)} with a {@code 1 x k} window (the same windows, the
 * same padding rule). Config: {@code pool_size} (2), {@code strides} (default: pool_size),
 * {@code padding} ("valid" | "same").
 */
public abstract class Pooling1D extends AbstractLayer {
    private final PoolParams.Mode mode;
    private final int pool;
    private final int stride;
    private final Object padding;

    private PoolParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private Tensor y;

    protected Pooling1D(String type, PoolParams.Mode mode, String name, LayerConfig c) {
        super(type, name, c);
        this.mode = mode;
        pool = c.optionalInt("pool_size", 2, 1);
        stride = c.optionalInt("strides", pool, 1);
        padding = Conv1D.Padding1D.parse(c, "padding", false);
        if (padding instanceof int[]) throw new IllegalArgumentException("key 'padding' must be \"valid\" or \"same\"");
    }

    /** The 2-D geometry of the {@code (N, C, 1, L)} view: the width axis carries the sequence. */
    public PoolParams params(int length) {
        int[] p = Conv1D.Padding1D.resolve(padding, length, pool, stride, 1);
        return new PoolParams(mode, 1, pool, 1, stride, 0, p[0], 0, p[1]);
    }

    @Override public Shape outputShape(Shape input) {
        Conv1D.Padding1D.requireSequence(this, input);
        int out = params(input.dim(1)).outputWidth(input.dim(1));
        if (out <= 0) throw shapeError("input " + input + " is shorter than the pool window of " + pool);
        return Shape.of(input.dim(0), out);
    }

    @Override protected void onBuild() {
        params = params(inputShape.dim(1));
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        y = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.pool().forward(params, Conv1D.asImage(x), Conv1D.asImage(y));
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        Tensor dx = gradientBuffer(dxSlot, x.shape());
        backend.pool().backward(params, Conv1D.asImage(x), Conv1D.asImage(y), Conv1D.asImage(dy), Conv1D.asImage(dx));
        return dx;
    }
}
