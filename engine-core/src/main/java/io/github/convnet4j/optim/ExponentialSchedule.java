package io.github.convnet4j.optim;

/**
 * Exponential decay. Per epoch (default): {@code lr = base * rate^epoch}. Per step (Keras
 * {@code ExponentialDecay}): {@code lr = base * rate^(step / steps)}, where step counts every batch
 * from 0. Spec: {@code exponential:rate=0.9} or {@code exponential:rate=0.96,per=step,steps=1000}.
 */
public final class ExponentialSchedule implements LearningRateSchedule {
    private final double rate;
    private final boolean perStep;
    private final int steps;

    public ExponentialSchedule(double rate, boolean perStep, int steps) {
        if (!(rate > 0 && rate <= 1)) throw new IllegalArgumentException("exponential schedule: rate must be in (0, 1], got " + rate);
        if (steps < 1) throw new IllegalArgumentException("exponential schedule: steps must be >= 1, got " + steps);
        this.rate = rate;
        this.perStep = perStep;
        this.steps = steps;
    }

    @Override public double learningRate(double base, Position p) {
        return perStep ? base * Math.pow(rate, (double) p.step() / steps) : base * Math.pow(rate, p.epoch());
    }

    @Override public String spec() {
        return "exponential:rate=" + rate + (perStep ? ",per=step,steps=" + steps : "");
    }
}
