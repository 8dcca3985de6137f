package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;

/**
 * {@code x if x > 0 else alpha x} as a layer. Config: {@code alpha} (0.3, as Keras 2), or its
 * Keras 3 name {@code negative_slope}.
 */
public final class LeakyReLU extends ActivationLayer {
    public LeakyReLU(String name, LayerConfig c) { super("LeakyReLU", name, c, Activation.leakyRelu(slope(c))); }

    private static double slope(LayerConfig c) {
        boolean alpha = c.has("alpha"), negativeSlope = c.has("negative_slope");
        if (alpha && negativeSlope) throw new IllegalArgumentException("give either 'alpha' or 'negative_slope', not both");
        return negativeSlope ? c.optionalDouble("negative_slope", 0.3) : c.optionalDouble("alpha", 0.3);
    }
}
