package io.github.convnet4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mutable counters of a run in progress; {@link #snapshot} freezes them for a checkpoint. */
final class RunState {
    int epoch;
    int batch;
    long globalStep;
    double lossSum;
    long correct;
    long seen;
    /** Time spent in the current epoch by earlier processes (a resumed epoch). */
    double earlierSeconds;
    final List<EpochResult> history = new ArrayList<>();

    static RunState fresh() { return new RunState(); }

    static RunState of(TrainingProgress p) {
        RunState s = new RunState();
        s.epoch = p.epoch();
        s.batch = p.batch();
        s.globalStep = p.globalStep();
        s.lossSum = p.lossSum();
        s.correct = p.correct();
        s.seen = p.seen();
        s.earlierSeconds = p.epochSeconds();
        s.history.addAll(p.history());
        return s;
    }

    TrainingProgress snapshot(int trainSamples, Map<String, String> scheduleState, double epochSeconds) {
        return new TrainingProgress(epoch, batch, globalStep, trainSamples, scheduleState, lossSum, correct, seen, epochSeconds, history);
    }

    void startNextEpoch() {
        epoch++;
        batch = 0;
        lossSum = 0;
        correct = 0;
        seen = 0;
        earlierSeconds = 0;
    }
}
