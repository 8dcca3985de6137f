package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;

/**
 * Inverted dropout: in training each element is kept with probability {@code 1 - rate} and scaled
 * by {@code 1 / (1 - rate)}; at inference the layer passes its input through. The mask comes from
 * {@link io.github.convnet4j.backend.ops.DropoutHash} under a seed mixed from the step seed and the
 * layer's index, so every backend and every resumed run draws the same masks.
 *
 * <p>Config: {@code rate} in [0, 1) (required), {@code seed} (optional extra integer mixed in).
 */
public final class Dropout extends AbstractLayer {
    private final double rate;
    private final int seedOffset;
    private TensorSlot outSlot;
    private TensorSlot maskSlot;
    private TensorSlot dxSlot;
    private Tensor mask;
    private boolean active;

    public Dropout(String name, LayerConfig c) {
        super("Dropout", name, c);
        rate = c.optionalDouble("rate", Double.NaN);
        if (Double.isNaN(rate)) throw c.missing("rate");
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("key 'rate' must be in [0, 1), got " + rate);
        seedOffset = c.optionalInt("seed", 0, Integer.MIN_VALUE);
    }

    /** The drop probability. */
    public double rate() { return rate; }

    @Override public Shape outputShape(Shape input) { return input; }

    @Override protected void onBuild() {
        outSlot = slot();
        maskSlot = slot();
        dxSlot = slot();
    }

    /** The mask seed for a step seed: a hash of the step seed, this layer's index and the configured seed. */
    public int maskSeed(int stepSeed) {
        return (int) Rng.derive(stepSeed, index(), seedOffset).nextLong();
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        active = ctx.training() && rate > 0;
        if (!active) return x;
        Tensor y = outSlot.get(backend, x.shape(), dtype);
        mask = maskSlot.get(backend, x.shape(), dtype);
        backend.elementwise().dropoutForward(x, y, mask, rate, maskSeed(ctx.seed()));
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        if (!active) return dy;
        Tensor dx = gradientBuffer(dxSlot, dy.shape());
        backend.elementwise().multiply(dy, mask, dx);
        return dx;
    }
}
