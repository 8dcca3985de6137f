package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;

/** {@code x if x > 0 else alpha (exp(x) - 1)} as a layer. Config: {@code alpha} (1.0). */
public final class ELU extends ActivationLayer {
    public ELU(String name, LayerConfig c) { super("ELU", name, c, Activation.elu(c.optionalDouble("alpha", 1.0))); }
}
