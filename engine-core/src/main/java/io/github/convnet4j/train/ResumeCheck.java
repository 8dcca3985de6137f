package io.github.convnet4j.train;

import java.io.IOException;
import java.util.Objects;

/**
 * Which settings a resumed run may change: only the number of epochs, the checkpoint interval and
 * the caller's extras. Everything that decides the numbers (batch size, optimizer, loss, seed,
 * augmentation, schedule, validation split) must equal the checkpoint's, compared in canonical form.
 */
public final class ResumeCheck {
    private ResumeCheck() {}

    /**
     * Refuses a resumed configuration that differs from the saved one in a setting that decides the numbers.
     *
     * @param src the checkpoint, named in the message
     * @throws IOException one line naming the checkpoint, the setting, the value asked for and the run's
     */
    public static void compatible(TrainConfig saved, TrainConfig now, String src) throws IOException {
        same(src, "batch size", saved.batchSize(), now.batchSize());
        same(src, "optimizer", TrainOptions.canonicalOptimizer(saved.optimizer()), TrainOptions.canonicalOptimizer(now.optimizer()),
                saved.optimizer(), now.optimizer());
        same(src, "loss", saved.loss(), now.loss(), shown(saved.loss()), shown(now.loss()));
        same(src, "seed", saved.seed(), now.seed());
        same(src, "augmentation", TrainOptions.canonicalAugmentation(saved.augmentation()), TrainOptions.canonicalAugmentation(now.augmentation()),
                shown(saved.augmentation()), shown(now.augmentation()));
        same(src, "schedule", TrainOptions.canonicalSchedule(saved.schedule()), TrainOptions.canonicalSchedule(now.schedule()),
                saved.schedule(), now.schedule());
        same(src, "validation split", saved.validationFraction(), now.validationFraction());
    }

    private static String shown(io.github.convnet4j.backend.ops.LossKind loss) { return loss == null ? "the inferred one" : loss.kerasName(); }

    private static String shown(String augmentation) { return augmentation == null ? "none" : augmentation; }

    private static void same(String src, String what, Object saved, Object now) throws IOException {
        same(src, what, saved, now, saved, now);
    }

    /** Compares canonical forms; the message shows the settings as they were written. */
    private static void same(String src, String what, Object saved, Object now, Object savedShown, Object nowShown) throws IOException {
        if (!Objects.equals(saved, now)) {
            throw new IOException(src + ": cannot resume with " + what + " " + nowShown + ", the run was started with " + savedShown
                    + " (settings that decide the numbers cannot change; start a new run with --out)");
        }
    }
}
