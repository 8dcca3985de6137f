package io.github.convnet4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands, as saved in a checkpoint. Together with the weights, the optimizer state and
 * the configuration this is everything a resumed run needs to continue bit for bit: all randomness
 * is derived from (seed, epoch, batch, step) counters.
 *
 * @param epoch          0-based epoch the run continues in
 * @param batch          batches of that epoch already done (the data cursor)
 * @param globalStep     steps done in the whole run
 * @param trainSamples   size of the training set (after any validation split), to detect changed data
 * @param scheduleState  the learning-rate schedule's state
 * @param lossSum        sum over this epoch's finished batches of (batch loss x batch size)
 * @param correct        correctly predicted training samples in this epoch so far
 * @param seen           training samples of this epoch so far
 * @param epochSeconds   time spent in this epoch so far
 * @param history        results of the finished epochs, one per epoch before {@code epoch}
 */
public record TrainingProgress(int epoch, int batch, long globalStep, int trainSamples, Map<String, String> scheduleState,
                               double lossSum, long correct, long seen, double epochSeconds, List<EpochResult> history) {
    public TrainingProgress {
        if (epoch < 0 || batch < 0 || globalStep < 0 || trainSamples < 1 || correct < 0 || seen < 0 || correct > seen) {
            throw new IllegalArgumentException("training progress out of range: epoch " + epoch + " batch " + batch
                    + " step " + globalStep + " samples " + trainSamples + " correct " + correct + "/" + seen);
        }
        if (history.size() != epoch) {
            throw new IllegalArgumentException("training progress at epoch " + epoch + " must have " + epoch + " history entries, has " + history.size());
        }
        scheduleState = Collections.unmodifiableMap(new LinkedHashMap<>(scheduleState));
        history = List.copyOf(history);
    }
}
