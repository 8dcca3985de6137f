package io.github.convnet4j.backend.ops;

import java.util.Locale;

/**
 * A pointwise activation or softmax, with its parameter.
 *
 * @param kind  which function
 * @param alpha the negative slope of leaky ReLU, the scale of ELU; ignored by the others
 */
public record Activation(Kind kind, double alpha) {
    /** The functions; formulas in each constant's comment. */
    public enum Kind {
        /** x */ LINEAR,
        /** max(0, x) */ RELU,
        /** x if x &gt; 0 else alpha*x (default alpha 0.3, as Keras) */ LEAKY_RELU,
        /** x if x &gt; 0 else alpha*(exp(x)-1) (default alpha 1.0) */ ELU,
        /** 1/(1+exp(-x)) */ SIGMOID,
        /** tanh(x) */ TANH,
        /** x*sigmoid(x) */ SWISH,
        /** exp(x_i)/sum_j exp(x_j) over each row of an (N, F) view */ SOFTMAX
    }

    public static final Activation LINEAR = new Activation(Kind.LINEAR, 0);
    public static final Activation RELU = new Activation(Kind.RELU, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    public static final Activation SWISH = new Activation(Kind.SWISH, 0);
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);

    /** Leaky ReLU with the given negative slope. */
    public static Activation leakyRelu(double alpha) { return new Activation(Kind.LEAKY_RELU, alpha); }

    /** ELU with the given scale. */
    public static Activation elu(double alpha) { return new Activation(Kind.ELU, alpha); }

    /**
     * Parses a Keras-style name: linear, relu, leaky_relu, elu, sigmoid, tanh, swish (or silu), softmax.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static Activation parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "linear", "none", "identity" -> LINEAR;
            case "relu" -> RELU;
            case "leaky_relu", "leakyrelu" -> leakyRelu(0.3);
            case "elu" -> elu(1.0);
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            case "swish", "silu" -> SWISH;
            case "softmax" -> SOFTMAX;
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "' (choose linear, relu, leaky_relu, elu, sigmoid, tanh, swish, softmax)");
        };
    }

    /** The Keras-style name. */
    public String keyword() { return kind.name().toLowerCase(Locale.ROOT); }
}
