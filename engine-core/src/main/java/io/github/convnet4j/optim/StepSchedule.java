package io.github.convnet4j.optim;

/**
 * Step decay: {@code lr = base * factor^floor(epoch / every)}. Spec:
 * {@code step:every=10,factor=0.1} (those are the defaults).
 */
public final class StepSchedule implements LearningRateSchedule {
    private final int every;
    private final double factor;

    public StepSchedule(int every, double factor) {
        if (every < 1) throw new IllegalArgumentException("step schedule: every must be >= 1 epoch, got " + every);
        if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException("step schedule: factor must be in (0, 1], got " + factor);
        this.every = every;
        this.factor = factor;
    }

    @Override public double learningRate(double base, Position p) { return base * Math.pow(factor, p.epoch() / every); }

    @Override public String spec() { return "step:every=" + every + ",factor=" + factor; }
}
