package io.github.convnet4j.train;

import io.github.convnet4j.data.Augmentation;
import io.github.convnet4j.optim.LearningRateSchedules;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.Optimizers;
import java.io.IOException;
import java.util.Objects;

/**
 * Which settings a resumed run may change: only the number of epochs, the checkpoint interval and
 * the caller's extras. Everything that decides the numbers (batch size, optimizer, loss, seed,
 * augmentation, schedule, validation split) must equal the checkpoint's, compared in canonical form.
 */
final class ResumeCheck {
    private ResumeCheck() {}

    static void compatible(TrainConfig saved, TrainConfig now, String src) throws IOException {
        same(src, "batch size", saved.batchSize(), now.batchSize());
        same(src, "optimizer", canonicalOptimizer(saved.optimizer()), canonicalOptimizer(now.optimizer()));
        same(src, "loss", saved.loss(), now.loss());
        same(src, "seed", saved.seed(), now.seed());
        same(src, "augmentation", Augmentation.parse(saved.augmentation()).toString(), Augmentation.parse(now.augmentation()).toString());
        same(src, "schedule", LearningRateSchedules.parse(saved.schedule()).spec(), LearningRateSchedules.parse(now.schedule()).spec());
        same(src, "validation fraction", saved.validationFraction(), now.validationFraction());
    }

    private static String canonicalOptimizer(String spec) {
        try (Optimizer o = Optimizers.parse(spec)) {
            return o.spec();
        }
    }

    private static void same(String src, String what, Object saved, Object now) throws IOException {
        if (!Objects.equals(saved, now)) {
            throw new IOException(src + ": cannot resume with " + what + " " + now + ", the run was started with " + saved);
        }
    }
}
