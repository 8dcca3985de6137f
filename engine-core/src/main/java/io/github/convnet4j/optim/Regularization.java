package io.github.convnet4j.optim;

import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.Regularizer;
import java.util.List;

/** The loss side of Keras-style L1/L2 weight penalties (the gradient side is in {@link Optimizer#step}). */
public final class Regularization {
    private Regularization() {}

    /** Whether any trainable parameter carries a penalty. */
    public static boolean any(List<Parameter> parameters) {
        for (Parameter p : parameters) if (p.trainable() && !p.regularizer().isNone()) return true;
        return false;
    }

    /**
     * The penalty {@code sum over trainable parameters of l1 sum|w| + l2 sum w^2}, added to the
     * reported loss. Runs reductions only for parameters that have a regularizer, so a model
     * without one pays nothing.
     */
    public static double penalty(List<Parameter> parameters) {
        double total = 0;
        for (Parameter p : parameters) {
            Regularizer r = p.regularizer();
            if (!p.trainable() || r.isNone()) continue;
            if (r.l1() > 0) total += r.l1() * p.value().backend().reduction().sumOfAbs(p.value());
            if (r.l2() > 0) total += r.l2() * p.value().backend().reduction().sumOfSquares(p.value());
        }
        return total;
    }
}
