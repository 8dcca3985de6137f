package io.github.convnet4j.optim;

import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba), Keras formulation (see {@link io.github.convnet4j.backend.ops.OptimizerOps#adam}).
 * Keras defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. State: {@code m}, {@code v}.
 */
public final class Adam extends AbstractOptimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    private final double beta1, beta2, epsilon;

    /** Adam with Keras defaults. */
    public Adam() { this(DEFAULT_LEARNING_RATE, 0.9, 0.999, 1e-7, GradientClipping.NONE); }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, GradientClipping clipping) {
        super(learningRate, clipping);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("adam beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("adam beta2 must be in [0, 1), got " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("adam epsilon must be > 0, got " + epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public double beta1() { return beta1; }
    public double beta2() { return beta2; }
    public double epsilon() { return epsilon; }

    @Override public String name() { return "adam"; }

    @Override protected List<String> slotNames() { return List.of("m", "v"); }

    @Override protected void update(Parameter p, Tensor[] state, double lr, long t) {
        p.value().backend().optimizer().adam(p.value(), p.grad(), state[0], state[1], lr, beta1, beta2, epsilon, t);
    }

    @Override protected String specOptions() { return "beta1=" + beta1 + ",beta2=" + beta2 + ",epsilon=" + epsilon; }
}
