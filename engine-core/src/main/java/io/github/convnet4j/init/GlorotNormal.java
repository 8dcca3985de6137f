package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;

/**
 * Glorot (Xavier) normal as Keras: truncated normal whose variance after truncation is
 * {@code 2 / (fan_in + fan_out)}.
 */
public final class GlorotNormal implements Initializer {
    @Override public void fill(double[] values, int fanIn, int fanOut, Rng rng) {
        Initializer.truncatedNormal(values, Math.sqrt(2.0 / (fanIn + fanOut)) / HeNormal.TRUNCATION_STDDEV, rng);
    }

    @Override public String keyword() { return "glorot_normal"; }
}
