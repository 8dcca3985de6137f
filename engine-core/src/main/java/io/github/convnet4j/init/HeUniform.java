package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;

/** He (Kaiming) uniform: U(-limit, limit) with {@code limit = sqrt(6 / fan_in)}. */
public final class HeUniform implements Initializer {
    @Override public void fill(double[] values, int fanIn, int fanOut, Rng rng) {
        Initializer.uniform(values, Math.sqrt(6.0 / fanIn), rng);
    }

    @Override public String keyword() { return "he_uniform"; }
}
