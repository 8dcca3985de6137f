package io.github.convnet4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Trainer#fit} returns.
 *
 * @param history    every finished epoch of the run, those before a resume included
 * @param globalStep steps done in the whole run
 * @param completed  true when the run finished: all epochs ran, or early stopping ended it (then the
 *                   history is shorter than the epochs asked for); false when stopped by {@link Trainer#requestStop()}
 * @param checkpoint the last checkpoint written, or null (no run directory)
 * @param modelFile  the final {@code model.safetensors} in the run directory, or null (none, or stopped by a request)
 */
public record TrainResult(List<EpochResult> history, long globalStep, boolean completed, Path checkpoint, Path modelFile) {
    public TrainResult {
        history = List.copyOf(history);
    }
}
