package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code (N, C, H, W) -> (N, C*H*W)} in channel-major order (PyTorch's {@code flatten}; a Keras
 * channels-last model flattens in another order). A view: no copy, no allocation.
 */
public final class Flatten extends AbstractLayer {
    private Shape xShape;
    private final ViewSlot out = new ViewSlot();
    private final ViewSlot dx = new ViewSlot();

    public Flatten(String name, LayerConfig c) { super("Flatten", name, c); }

    @Override public Shape outputShape(Shape input) { return Shape.of(Math.toIntExact(input.size())); }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        xShape = x.shape();
        return out.batched(x, x.dim(0), outputShape);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        return needInputGradient ? dx.of(dy, xShape) : null;
    }
}
