package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Pooling over each channel's whole map: {@code (N, C, H, W) -> (N, C)}. Runs as one pooling
 * window covering the map, so every backend's pooling op serves it, forward and backward.
 */
abstract class GlobalPooling2D extends AbstractLayer {
    private PoolParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private Tensor pooled;

    private final PoolParams.Mode mode;

    GlobalPooling2D(String type, PoolParams.Mode mode, String name, LayerConfig c) {
        super(type, name, c);
        this.mode = mode;
    }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        return Shape.of(input.dim(0));
    }

    @Override protected void onBuild() {
        int h = inputShape.dim(1), w = inputShape.dim(2);
        params = new PoolParams(mode, h, w, h, w, 0, 0, 0, 0);
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        int n = x.dim(0), c = inputShape.dim(0);
        pooled = outSlot.get(backend, Shape.of(n, c, 1, 1), dtype);
        backend.pool().forward(params, x, pooled);
        return pooled.reshape(Shape.of(n, c));
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        Tensor dx = dxSlot.get(backend, x.shape(), dtype);
        backend.pool().backward(params, x, pooled, dy.reshape(pooled.shape()), dx);
        return dx;
    }
}
