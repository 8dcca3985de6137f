package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;

/** {@code max(0, x)} as a layer. No config keys besides name and trainable. */
public final class ReLU extends ActivationLayer {
    public ReLU(String name, LayerConfig c) { super("ReLU", name, c, Activation.RELU); }
}
