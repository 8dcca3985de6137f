package io.github.convnet4j.optim;

import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent, Keras semantics: {@code w -= lr g}, or with momentum m
 * {@code v = m v - lr g; w += v} (Nesterov: {@code w += m v - lr g}). Keras defaults: lr 0.01,
 * momentum 0, nesterov false. State: {@code velocity} when momentum &gt; 0.
 */
public final class Sgd extends AbstractOptimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    private final double momentum;
    private final boolean nesterov;

    /** SGD with Keras defaults. */
    public Sgd() { this(DEFAULT_LEARNING_RATE, 0, false, GradientClipping.NONE); }

    public Sgd(double learningRate, double momentum, boolean nesterov, GradientClipping clipping) {
        super(learningRate, clipping);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("sgd momentum must be in [0, 1), got " + momentum);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("sgd nesterov needs momentum > 0");
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public double momentum() { return momentum; }
    public boolean nesterov() { return nesterov; }

    @Override public String name() { return "sgd"; }

    @Override protected List<String> slotNames() { return momentum > 0 ? List.of("velocity") : List.of(); }

    @Override protected void update(Parameter p, Tensor[] state, double lr, long t) {
        p.value().backend().optimizer().sgd(p.value(), p.grad(), momentum > 0 ? state[0] : null, lr, momentum, nesterov);
    }

    @Override protected String specOptions() {
        return momentum > 0 ? "momentum=" + momentum + ",nesterov=" + nesterov : "";
    }
}
