package io.github.convnet4j.backend.ops;

import io.github.convnet4j.util.Suggestions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The losses, each fused with its output activation where that makes it numerically stable.
 * Rows are samples: outputs and targets are {@code (N, F)}.
 */
public enum LossKind {
    /**
     * Categorical cross-entropy on logits z, softmax fused: per sample
     * {@code -sum_i t_i log softmax(z)_i}, computed with the max subtracted; mean over N.
     * Gradient {@code (softmax(z) * sum_i t_i - t) / N}.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Binary cross-entropy on logits z, sigmoid fused: per element
     * {@code max(z,0) - z t + log(1 + exp(-|z|))}; mean over all N*F elements.
     * Gradient {@code (sigmoid(z) - t) / (N F)}.
     */
    SIGMOID_BINARY_CROSS_ENTROPY,
    /** Mean squared error over all elements; gradient {@code 2 (o - t) / (N F)}. */
    MEAN_SQUARED_ERROR,
    /** Mean absolute error over all elements; gradient {@code sign(o - t) / (N F)}, sign(0) = 0. */
    MEAN_ABSOLUTE_ERROR;

    /** Keras's names and short forms, and this enum's own names in lower case (as checkpoints store them). */
    private static final Map<String, LossKind> NAMES = new LinkedHashMap<>();
    static {
        NAMES.put("categorical_crossentropy", SOFTMAX_CROSS_ENTROPY);
        NAMES.put("binary_crossentropy", SIGMOID_BINARY_CROSS_ENTROPY);
        NAMES.put("mse", MEAN_SQUARED_ERROR);
        NAMES.put("mae", MEAN_ABSOLUTE_ERROR);
        NAMES.put("mean_squared_error", MEAN_SQUARED_ERROR);
        NAMES.put("mean_absolute_error", MEAN_ABSOLUTE_ERROR);
        for (LossKind k : values()) NAMES.put(k.name().toLowerCase(Locale.ROOT), k);
    }

    /** The Keras name written into model specs: {@code categorical_crossentropy}, {@code binary_crossentropy}, {@code mse}, {@code mae}. */
    public String kerasName() {
        return switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> "categorical_crossentropy";
            case SIGMOID_BINARY_CROSS_ENTROPY -> "binary_crossentropy";
            case MEAN_SQUARED_ERROR -> "mse";
            case MEAN_ABSOLUTE_ERROR -> "mae";
        };
    }

    /**
     * A loss by name, case-insensitive: a Keras name ({@code categorical_crossentropy},
     * {@code binary_crossentropy}, {@code mse}/{@code mean_squared_error}, {@code mae}/{@code mean_absolute_error})
     * or this enum's name.
     *
     * @throws IllegalArgumentException one line with the known names and, when one is close, "did you mean"
     */
    public static LossKind parse(String name) {
        LossKind k = name == null ? null : NAMES.get(name.trim().toLowerCase(Locale.ROOT));
        if (k != null) return k;
        String near = name == null ? null : Suggestions.nearest(name.trim().toLowerCase(Locale.ROOT), NAMES.keySet());
        throw new IllegalArgumentException("unknown loss '" + name + "'" + (near != null ? " (did you mean '" + near + "'?)"
                : " (known: categorical_crossentropy, binary_crossentropy, mse, mae)"));
    }
}
