package io.github.convnet4j.nn;

import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.tensor.Shape;

/**
 * A parameter a layer will allocate for a given input shape: enough to count parameters before
 * anything is allocated, and to build and initialize it.
 *
 * @param localName   the part after {@code <layer>/}, e.g. {@code kernel}
 * @param shape       its shape, e.g. {@code (K, C, R, S)}
 * @param weight      true for a trainable weight (gets a gradient), false for state such as
 *                    batch-norm moving statistics (saved, never given a gradient)
 * @param initializer how its first values are drawn
 * @param fanIn       Keras fan_in
 * @param fanOut      Keras fan_out
 * @param regularizer penalty for the optimizer; {@link Regularizer#NONE} for none
 */
public record ParameterSpec(String localName, Shape shape, boolean weight, Initializer initializer,
                            int fanIn, int fanOut, Regularizer regularizer) {
    /** A trainable weight. */
    public static ParameterSpec weight(String localName, Shape shape, Initializer init, int fanIn, int fanOut, Regularizer reg) {
        return new ParameterSpec(localName, shape, true, init, fanIn, fanOut, reg);
    }

    /** A non-trainable state tensor. */
    public static ParameterSpec state(String localName, Shape shape, Initializer init) {
        return new ParameterSpec(localName, shape, false, init, 1, 1, Regularizer.NONE);
    }
}
