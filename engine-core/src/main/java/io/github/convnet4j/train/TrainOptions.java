package io.github.convnet4j.train;

import io.github.convnet4j.data.Augmentation;
import io.github.convnet4j.optim.LearningRateSchedule;
import io.github.convnet4j.optim.LearningRateSchedules;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.Optimizers;

/**
 * The one place where a {@link TrainConfig}'s option strings (optimizer, schedule, augmentation,
 * early stopping) are parsed: to validate a configuration, to build the objects a run uses, and to compare two
 * configurations in canonical form when a run is resumed.
 */
public final class TrainOptions {
    private TrainOptions() {}

    /**
     * An optimizer spec with a learning rate added, as {@code --optimizer O --lr X} means.
     *
     * @param learningRate null to keep the spec's (or the kind's default) rate
     * @throws IllegalArgumentException when the spec is invalid or already sets {@code lr}
     */
    public static String withLearningRate(String optimizer, Double learningRate) {
        if (learningRate == null) return optimizer;
        try (Optimizer o = Optimizers.create(optimizer, learningRate)) {
            return o.spec();
        }
    }

    /** The base learning rate an optimizer spec sets (its kind's default when it sets none). */
    public static double learningRate(String optimizer) {
        try (Optimizer o = optimizer(optimizer)) {
            return o.baseLearningRate();
        }
    }

    /** Fails with one line when any of the three specs does not parse. */
    static void validate(String optimizer, String schedule, String augmentation) {
        optimizer(optimizer).close();
        schedule(schedule);
        augmentation(augmentation);
    }

    static Optimizer optimizer(String spec) { return Optimizers.parse(spec); }

    static LearningRateSchedule schedule(String spec) { return LearningRateSchedules.parse(spec); }

    static Augmentation augmentation(String spec) { return Augmentation.parse(spec); }

    /**
     * An early-stopping spec, {@code monitor=val_loss,patience=3,min_delta=0,restore_best=true}
     * (every key optional; Keras's defaults), or null for null.
     *
     * @throws IllegalArgumentException one line naming the bad key or value, with "did you mean" for a monitor
     */
    public static EarlyStopping earlyStopping(String spec) {
        if (spec == null) return null;
        try {
            return EarlyStopping.parse(spec);
        } catch (IllegalArgumentException e) {
            // OptionSpec quotes the text with the name it was given; show the user's text.
            throw new IllegalArgumentException(e.getMessage().replace("'early_stopping:", "'"), e);
        }
    }

    /** The optimizer spec with every default written out, so equal optimizers compare equal. */
    static String canonicalOptimizer(String spec) {
        try (Optimizer o = optimizer(spec)) {
            return o.spec();
        }
    }

    static String canonicalSchedule(String spec) { return schedule(spec).spec(); }

    static String canonicalAugmentation(String spec) { return augmentation(spec).toString(); }
}
