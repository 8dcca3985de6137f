package io.github.convnet4j.train;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.optim.LearningRateSchedules;
import io.github.convnet4j.optim.Optimizers;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@link Trainer#fit} needs besides the model and the data. Build with
 * {@link #builder()}; defaults in brackets.
 *
 * @param epochs               epochs to train in total, counting those done before a resume [10]
 * @param batchSize            samples per step; the last batch of an epoch may be smaller [64]
 * @param optimizer            an {@link Optimizers#parse} spec, e.g. {@code adam:lr=0.001,clipnorm=1} [adam]
 * @param loss                 the loss, or null for the model spec's {@code loss}, else inferred:
 *                             categorical cross-entropy for a softmax output of width &gt;= 2, binary
 *                             cross-entropy for a sigmoid output, otherwise mean squared error [null]
 * @param seed                 the root of every random choice: data order, augmentation, dropout [42]
 * @param augmentation         an augmentation spec for the data package, or null for none [null]
 * @param schedule             a {@link LearningRateSchedules#parse} spec [constant]
 * @param validationFraction   when no validation set is given, this fraction of the training data,
 *                             drawn at random from the seed (not the last samples, as Keras's
 *                             {@code validation_split} takes), is held out [0]
 * @param runDir               where {@code checkpoint.safetensors}, {@code history.csv/json} and the
 *                             final {@code model.safetensors} go; null for none [null]
 * @param checkpointEverySteps also checkpoint every this many steps mid-epoch; 0 for epoch ends only [0]
 * @param resume               continue from {@code runDir}'s checkpoint [false]
 * @param extra                caller settings stored in checkpoints and returned on resume (e.g. the
 *                             data directory for the CLI); not interpreted here [empty]
 * @param earlyStopping        an {@link EarlyStopping} spec, e.g. {@code monitor=val_loss,patience=3,restore_best=true},
 *                             or null for none; kept in canonical form [null]
 * @param keepBest             a {@link Monitor} name: write {@code best.safetensors} into the run
 *                             directory whenever it improves; null for none [null]
 */
public record TrainConfig(int epochs, int batchSize, String optimizer, LossKind loss, long seed, String augmentation,
                          String schedule, double validationFraction, Path runDir, int checkpointEverySteps,
                          boolean resume, Map<String, String> extra, String earlyStopping, String keepBest) {
    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (checkpointEverySteps < 0) throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, got " + checkpointEverySteps);
        if (resume && runDir == null) throw new IllegalArgumentException("resume needs a run directory");
        if (optimizer == null || optimizer.isBlank()) optimizer = "adam";
        if (schedule == null || schedule.isBlank()) schedule = "constant";
        if (augmentation != null && (augmentation.isBlank() || augmentation.equals("none"))) augmentation = null;
        // Parse now so a typo fails before any data is loaded.
        TrainOptions.validate(optimizer, schedule, augmentation);
        if (earlyStopping != null) earlyStopping = TrainOptions.earlyStopping(earlyStopping).spec();
        if (keepBest != null) keepBest = Monitor.parse(keepBest, "keep best").key();
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    /** A builder with the defaults. */
    public static Builder builder() { return new Builder(); }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs; b.batchSize = batchSize; b.optimizer = optimizer; b.loss = loss; b.seed = seed;
        b.augmentation = augmentation; b.schedule = schedule; b.validationFraction = validationFraction;
        b.runDir = runDir; b.checkpointEverySteps = checkpointEverySteps; b.resume = resume; b.extra = new LinkedHashMap<>(extra);
        b.earlyStopping = earlyStopping; b.keepBest = keepBest;
        return b;
    }

    /** Mutable builder for {@link TrainConfig}. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private String optimizer = "adam";
        private LossKind loss;
        private long seed = 42;
        private String augmentation;
        private String schedule = "constant";
        private double validationFraction;
        private Path runDir;
        private int checkpointEverySteps;
        private boolean resume;
        private Map<String, String> extra = new LinkedHashMap<>();
        private String earlyStopping;
        private String keepBest;

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder loss(LossKind v) { loss = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder augmentation(String v) { augmentation = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder validationFraction(double v) { validationFraction = v; return this; }
        public Builder runDir(Path v) { runDir = v; return this; }
        public Builder checkpointEverySteps(int v) { checkpointEverySteps = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder extra(Map<String, String> v) { extra = new LinkedHashMap<>(v); return this; }
        public Builder extra(String key, String value) { extra.put(key, value); return this; }
        public Builder earlyStopping(String v) { earlyStopping = v; return this; }
        public Builder keepBest(String v) { keepBest = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(epochs, batchSize, optimizer, loss, seed, augmentation, schedule, validationFraction,
                    runDir, checkpointEverySteps, resume, extra, earlyStopping, keepBest);
        }
    }
}
