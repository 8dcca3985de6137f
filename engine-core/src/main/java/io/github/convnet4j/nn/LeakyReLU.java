package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;

/** {@code x if x > 0 else alpha x} as a layer. Config: {@code alpha} (0.3, as Keras). */
public final class LeakyReLU extends ActivationLayer {
    public LeakyReLU(String name, LayerConfig c) { super("LeakyReLU", name, c, Activation.leakyRelu(c.optionalDouble("alpha", 0.3))); }
}
