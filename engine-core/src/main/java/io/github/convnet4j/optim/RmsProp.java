package io.github.convnet4j.optim;

import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * RMSprop: {@code s = rho s + (1-rho) g^2; w -= lr g / (sqrt(s) + eps)}. Keras defaults: lr 0.001,
 * rho 0.9, epsilon 1e-7. State: {@code mean_square}.
 */
public final class RmsProp extends AbstractOptimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    private final double rho, epsilon;

    /** RMSprop with Keras defaults. */
    public RmsProp() { this(DEFAULT_LEARNING_RATE, 0.9, 1e-7, GradientClipping.NONE); }

    public RmsProp(double learningRate, double rho, double epsilon, GradientClipping clipping) {
        super(learningRate, clipping);
        if (!(rho >= 0 && rho < 1)) throw new IllegalArgumentException("rmsprop rho must be in [0, 1), got " + rho);
        if (!(epsilon > 0)) throw new IllegalArgumentException("rmsprop epsilon must be > 0, got " + epsilon);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    public double rho() { return rho; }
    public double epsilon() { return epsilon; }

    @Override public String name() { return "rmsprop"; }

    @Override protected List<String> slotNames() { return List.of("mean_square"); }

    @Override protected void update(Parameter p, Tensor[] state, double lr, long t) {
        p.value().backend().optimizer().rmsprop(p.value(), p.grad(), state[0], lr, rho, epsilon);
    }

    @Override protected String specOptions() { return "rho=" + rho + ",epsilon=" + epsilon; }
}
