package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;

/** Glorot (Xavier) uniform: U(-limit, limit) with {@code limit = sqrt(6 / (fan_in + fan_out))}. The default for kernels. */
public final class GlorotUniform implements Initializer {
    @Override public void fill(double[] values, int fanIn, int fanOut, Rng rng) {
        Initializer.uniform(values, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    @Override public String keyword() { return "glorot_uniform"; }
}
