package io.github.convnet4j.cli.bench;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.Trainer;
import java.io.IOException;
import java.util.OptionalDouble;

/**
 * Timed training steps through the real {@link Trainer}: host batch assembly, upload, forward,
 * fused loss, backward and the Adam update (Keras defaults: lr 1e-3, beta 0.9/0.999, epsilon 1e-7),
 * exactly as {@code convnet train} runs them, with no validation and no checkpoints.
 *
 * @param batch        samples per step
 * @param warmup       untimed steps before the clock starts
 * @param stepSeconds  seconds of each timed step
 * @param timedSeconds seconds of all timed steps together
 * @param peakRssMb    the process's peak RSS right after the timed steps, when known
 */
public record TrainingTiming(int batch, int warmup, double[] stepSeconds, double timedSeconds, OptionalDouble peakRssMb) {
    /** Number of timed steps. */
    public int steps() { return stepSeconds.length; }

    /** Training throughput: {@code steps · batch / timedSeconds}. */
    public double imagesPerSecond() { return (double) steps() * batch / timedSeconds; }

    /**
     * Trains {@code model} (built on {@code recorder}) for {@code warmup + steps} steps on {@code data},
     * recording the convolutions of the first step on {@code recorder}.
     *
     * @throws IOException never in practice (no run directory), declared by {@link Trainer#fit}
     */
    public static TrainingTiming run(Model model, ConvRecordingBackend recorder, BenchmarkData data, int batch, int warmup, int steps, long seed)
            throws IOException {
        int perEpoch = data.dataset().size() / batch;
        long total = (long) warmup + steps;
        int epochs = Math.toIntExact((total + perEpoch - 1) / perEpoch);
        TrainConfig config = TrainConfig.builder().epochs(epochs).batchSize(batch).optimizer("adam").seed(seed).build();
        Trainer trainer = new Trainer();
        StepClock clock = new StepClock(recorder, trainer, warmup, steps);
        recorder.arm(true);
        try {
            trainer.fit(model, data.dataset(), null, config, clock);
        } finally {
            recorder.arm(false);
        }
        if (!clock.finished()) {
            throw new IllegalStateException("training stopped after " + clock.stepsDone() + " of " + total + " steps");
        }
        return new TrainingTiming(batch, warmup, clock.stepSeconds(), clock.timedSeconds(), clock.peakRssMb());
    }
}
