package io.github.convnet4j.optim;

/** The optimizer's learning rate, unchanged. Spec: {@code constant}. */
public final class ConstantSchedule implements LearningRateSchedule {
    @Override public double learningRate(double base, Position position) { return base; }

    @Override public String spec() { return "constant"; }
}
