package io.github.convnet4j.cli.bench;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.train.Trainer;
import io.github.convnet4j.train.TrainingListener;
import java.util.OptionalDouble;

/**
 * A {@link TrainingListener} that times training steps from inside {@link Trainer#fit}: the clock
 * starts when warm-up step {@code warmup} ends and stops when step {@code warmup + steps} ends (both
 * after {@link Backend#synchronize()}, so queued device work is counted), then it asks the trainer
 * to stop. It also disarms the convolution recorder after the first step and reads the peak RSS
 * right after the last timed step, before any profiling allocates more.
 */
final class StepClock implements TrainingListener {
    private final Backend backend;
    private final ConvRecordingBackend recorder;
    private final Trainer trainer;
    private final int warmup;
    private final int steps;
    private final double[] stepSeconds;
    private long done;
    private long start;
    private long last;
    private long end;
    private OptionalDouble peakRss = OptionalDouble.empty();

    StepClock(ConvRecordingBackend recorder, Trainer trainer, int warmup, int steps) {
        if (warmup < 1) throw new IllegalArgumentException("--warmup must be >= 1 so that the clock starts after a finished step, got " + warmup);
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        this.backend = recorder.inner();
        this.recorder = recorder;
        this.trainer = trainer;
        this.warmup = warmup;
        this.steps = steps;
        this.stepSeconds = new double[steps];
    }

    @Override public void onBatchEnd(int epoch, int batch, int batches, double runningLoss, double runningAccuracy, double imagesPerSecond) {
        done++;
        if (done == 1) recorder.arm(false);
        if (done < warmup || done > (long) warmup + steps) return;
        if (done == warmup) {
            backend.synchronize();
            start = last = System.nanoTime();
            return;
        }
        if (done == (long) warmup + steps) backend.synchronize();
        long now = System.nanoTime();
        stepSeconds[(int) (done - warmup - 1)] = (now - last) * 1e-9;
        last = now;
        if (done == (long) warmup + steps) {
            end = now;
            peakRss = PeakRss.megabytes();
            trainer.requestStop();
        }
    }

    /** Whether every timed step ran. */
    boolean finished() { return end != 0; }

    /** Steps completed so far, warm-up included. */
    long stepsDone() { return done; }

    /** Seconds of each timed step (end to end, host work included). */
    double[] stepSeconds() { return stepSeconds.clone(); }

    /** Seconds from the end of the last warm-up step to the end of the last timed step. */
    double timedSeconds() { return (end - start) * 1e-9; }

    /** Peak RSS in MB right after the timed steps. */
    OptionalDouble peakRssMb() { return peakRss; }
}
