package io.github.convnet4j.train;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.OptimizerState;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.tensor.HostTensor;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint read back from disk, already checked for internal consistency by {@link Checkpoint#read}.
 *
 * @param spec           the architecture
 * @param config         the training configuration (no run directory, resume false)
 * @param progress       counters, schedule state and history
 * @param optimizerSpec  the optimizer's spec string
 * @param weights        every model parameter by name
 * @param optimizerState the optimizer's step count and state tensors
 * @param source         the file, for error messages
 */
public record CheckpointData(ModelSpec spec, TrainConfig config, TrainingProgress progress, String optimizerSpec,
                             Map<String, HostTensor> weights, OptimizerState optimizerState, String source) {
    public CheckpointData {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /**
     * Uploads the weights into a built model with exactly these parameters.
     *
     * @throws IOException one line naming the file and the first missing, extra or mis-shaped tensor
     */
    public void restoreWeights(Model model) throws IOException {
        new LoadedModel(spec, weights, source).copyInto(model);
    }

    /**
     * Loads the optimizer state into {@code optimizer}, which must be of the same kind and built
     * for {@code model}'s parameters.
     *
     * @throws IOException one line naming the file and what does not fit
     */
    public void restoreOptimizer(Optimizer optimizer, Model model) throws IOException {
        try {
            optimizer.importState(optimizerState, model.parameters());
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }
}
