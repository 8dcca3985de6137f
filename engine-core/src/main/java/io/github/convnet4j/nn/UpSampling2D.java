package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.Locale;

/**
 * Nearest-neighbour upsampling (Keras {@code UpSampling2D}): input {@code (N, C, H, W)}, output
 * {@code (N, C, H*fh, W*fw)}, each value repeated over an {@code fh x fw} block. No parameters.
 *
 * <p>Config: {@code size} (2; int or [h, w]), {@code interpolation} ("nearest", the only one).
 */
public final class UpSampling2D extends AbstractLayer {
    private final UpsampleParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;

    public UpSampling2D(String name, LayerConfig c) {
        super("UpSampling2D", name, c);
        int[] size = c.optionalPair("size", new int[] {2, 2}, 1);
        String interpolation = c.optionalString("interpolation", "nearest");
        if (!interpolation.toLowerCase(Locale.ROOT).equals("nearest")) {
            throw new IllegalArgumentException("key 'interpolation' must be \"nearest\" (the only one supported), got \"" + interpolation + "\"");
        }
        params = new UpsampleParams(size[0], size[1]);
    }

    /** The repeat factors. */
    public UpsampleParams upsampleParams() { return params; }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        return Shape.of(input.dim(0), input.dim(1) * params.factorH(), input.dim(2) * params.factorW());
    }

    @Override protected void onBuild() {
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        Tensor y = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.upsample().forward(params, x, y);
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        Tensor dx = gradientBuffer(dxSlot, dy.dim(0), inputShape);
        backend.upsample().backward(params, dy, dx);
        return dx;
    }
}
