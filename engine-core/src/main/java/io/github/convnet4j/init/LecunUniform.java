package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;

/** LeCun uniform: U(-limit, limit) with {@code limit = sqrt(3 / fan_in)}. */
public final class LecunUniform implements Initializer {
    @Override public void fill(double[] values, int fanIn, int fanOut, Rng rng) {
        Initializer.uniform(values, Math.sqrt(3.0 / fanIn), rng);
    }

    @Override public String keyword() { return "lecun_uniform"; }
}
