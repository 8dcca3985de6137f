package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;

/** Softmax over each sample's values as a layer; usually last, where training fuses it into the loss. */
public final class Softmax extends ActivationLayer {
    public Softmax(String name, LayerConfig c) { super("Softmax", name, c, Activation.SOFTMAX); }
}
