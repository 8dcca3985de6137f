package io.github.convnet4j.nn;

/**
 * Keras-style weight penalty {@code l1 * sum|w| + l2 * sum w^2}, added to the loss and, through
 * {@link io.github.convnet4j.backend.ops.ElementwiseOps#addRegularizationGradient}, to the gradient.
 */
public record Regularizer(double l1, double l2) {
    public static final Regularizer NONE = new Regularizer(0, 0);

    public Regularizer {
        if (!(l1 >= 0) || !(l2 >= 0)) throw new IllegalArgumentException("l1 and l2 must be >= 0, got " + l1 + ", " + l2);
    }

    public boolean isNone() { return l1 == 0 && l2 == 0; }
}
