package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;

/**
 * He (Kaiming) normal as Keras: a normal truncated at two standard deviations whose variance after
 * truncation is {@code 2 / fan_in}. Good for ReLU networks.
 */
public final class HeNormal implements Initializer {
    /**
     * Standard deviation of a standard normal truncated to [-2, 2]; Keras divides by it so that the
     * truncated values keep the intended variance.
     */
    static final double TRUNCATION_STDDEV = 0.87962566103423978;

    @Override public void fill(double[] values, int fanIn, int fanOut, Rng rng) {
        Initializer.truncatedNormal(values, Math.sqrt(2.0 / fanIn) / TRUNCATION_STDDEV, rng);
    }

    @Override public String keyword() { return "he_normal"; }
}
