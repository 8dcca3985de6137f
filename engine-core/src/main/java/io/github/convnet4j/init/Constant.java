package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;
import java.util.Arrays;

/** Every value the same; draws nothing from the generator. Biases start at zeros, batch-norm scales at ones. */
public final class Constant implements Initializer {
    public static final Constant ZEROS = new Constant(0, "zeros");
    public static final Constant ONES = new Constant(1, "ones");

    private final double value;
    private final String keyword;

    private Constant(double value, String keyword) {
        this.value = value;
        this.keyword = keyword;
    }

    @Override public void fill(double[] values, int fanIn, int fanOut, Rng rng) { Arrays.fill(values, value); }

    @Override public String keyword() { return keyword; }
}
