package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted after a checkpoint and resumed in a fresh model, optimizer and trainer must end
 * bit-identical to an uninterrupted run: weights, optimizer state and every history number except
 * timings. The setup exercises everything that carries state or randomness: shuffling, augmentation,
 * dropout, batch-norm statistics, an L2 regularizer, Adam moments, a validation split and a
 * reduce-on-plateau schedule.
 */
class ExactResumeTest {
    @TempDir Path tmp;
    private final Backend backend = new CpuBackendProvider().open("");
    private final Dataset data = SyntheticData.quadrants(240, 8, 7);

    @AfterEach void close() { backend.close(); }

    private static final class Interrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        Interrupt() { super("simulated kill"); }
    }

    private TrainConfig config(Path runDir, boolean resume) {
        // 240 samples, 1/4 held out: 180 to train = 6 batches of 32 (the last one 20), 3 epochs = 18 steps.
        // min_delta=10 makes every epoch after the first a plateau, so the rate halves after epochs 2 and 3
        // and the schedule's state (best, wait, current rate) must survive the resume.
        return TrainConfig.builder().epochs(3).batchSize(32).optimizer("adam:lr=0.02").seed(99)
                .augmentation("flip,shift=1").schedule("plateau:monitor=loss,patience=1,factor=0.5,min_delta=10")
                .validationFraction(0.25).runDir(runDir).checkpointEverySteps(4).resume(resume).build();
    }

    private Model freshModel(long initSeed) {
        Model m = Model.of(SyntheticData.smallConvNet(4));
        m.build(backend, DType.F32, initSeed);
        return m;
    }

    /** Runs (or resumes) until the listener throws at the first checkpoint matching {@code stopAt}, or to the end. */
    private TrainResult runUntil(Path runDir, boolean resume, long initSeed, Predicate<Long> stopAt, List<Model> keep) throws IOException {
        Model model = freshModel(initSeed);
        keep.add(model);
        TrainingListener listener = new TrainingListener() {
            @Override public void onCheckpoint(Path file, int epoch, int batch, long globalStep) {
                if (stopAt.test(globalStep)) throw new Interrupt();
            }
        };
        try {
            return new Trainer().fit(model, data, null, config(runDir, resume), listener);
        } catch (Interrupt e) {
            return null;
        }
    }

    @Test void killedAndResumedRunsEndBitIdentical() throws IOException {
        List<Model> models = new ArrayList<>();
        try {
            Path straightDir = tmp.resolve("straight");
            TrainResult straight = runUntil(straightDir, false, 1, s -> false, models);
            assertTrue(straight.completed());
            assertEquals(18, straight.globalStep());

            // Killed mid-epoch 2 (step 8 = epoch 2, batch 2), then at the end of epoch 2 (step 12),
            // each time resumed in a fresh model whose own initialization (other seeds) must not matter.
            Path dir = tmp.resolve("interrupted");
            assertEquals(null, runUntil(dir, false, 1, s -> s == 8, models));
            CheckpointData mid = Checkpoint.read(dir);
            assertEquals(1, mid.progress().epoch());
            assertEquals(2, mid.progress().batch());
            assertEquals(null, runUntil(dir, true, 2, s -> s == 12, models));
            assertEquals(0, Checkpoint.read(dir).progress().batch());
            TrainResult resumed = runUntil(dir, true, 3, s -> false, models);
            assertTrue(resumed.completed());
            assertEquals(18, resumed.globalStep());

            TrainAssertions.assertSameWeights(models.get(0), models.get(models.size() - 1));
            assertSameState(Checkpoint.read(straightDir), Checkpoint.read(dir));
            assertSameHistory(straight.history(), resumed.history());
            assertEquals(0.01, straight.history().get(2).learningRate(), "the plateau schedule halved the rate after epoch 2");
        } finally {
            models.forEach(Model::close);
        }
    }

    @Test void stopRequestCheckpointsAndResumesExactly() throws IOException {
        Path straightDir = tmp.resolve("straight");
        Path dir = tmp.resolve("stopped");
        try (Model straightModel = freshModel(1); Model stopped = freshModel(1); Model resumedModel = freshModel(5)) {
            TrainResult straight = new Trainer().fit(straightModel, data, null, config(straightDir, false), null);
            Trainer trainer = new Trainer();
            TrainResult partial = trainer.fit(stopped, data, null, config(dir, false), new TrainingListener() {
                @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy, double ips) {
                    if (epoch == 1 && batch == 3) trainer.requestStop();
                }
            });
            assertFalse(partial.completed());
            assertEquals(3, partial.globalStep());
            assertEquals(3, Checkpoint.read(dir).progress().batch());
            TrainResult resumed = new Trainer().fit(resumedModel, data, null, config(dir, true), null);
            assertTrue(resumed.completed());
            TrainAssertions.assertSameWeights(straightModel, resumedModel);
            assertSameHistory(straight.history(), resumed.history());
        }
    }

    @Test void resumeRefusesChangedSettingsOrData() throws IOException {
        Path dir = tmp.resolve("run");
        List<Model> models = new ArrayList<>();
        try {
            runUntil(dir, false, 1, s -> s == 4, models);
            Model m = freshModel(1);
            models.add(m);
            IOException e = assertThrows(IOException.class, () -> new Trainer().fit(m, data, null,
                    config(dir, true).toBuilder().batchSize(16).build(), null));
            assertTrue(e.getMessage().contains("batch size 16") && e.getMessage().contains("started with 32"), e.getMessage());
            e = assertThrows(IOException.class, () -> new Trainer().fit(m, data, null,
                    config(dir, true).toBuilder().optimizer("adam:lr=0.03").build(), null));
            assertTrue(e.getMessage().contains("cannot resume with optimizer"), e.getMessage());
            e = assertThrows(IOException.class, () -> new Trainer().fit(m, SyntheticData.quadrants(200, 8, 7), null, config(dir, true), null));
            assertTrue(e.getMessage().contains("180 training samples"), e.getMessage());
            // Only the epoch count may grow.
            TrainResult longer = new Trainer().fit(m, data, null, config(dir, true).toBuilder().epochs(4).build(), null);
            assertEquals(24, longer.globalStep());
            e = assertThrows(IOException.class, () -> new Trainer().fit(m, data, null, config(tmp.resolve("empty"), true), null));
            assertTrue(e.getMessage().contains("no checkpoint.safetensors"), e.getMessage());
        } finally {
            models.forEach(Model::close);
        }
    }

    private static void assertSameState(CheckpointData a, CheckpointData b) {
        TrainAssertions.assertSameTensors(a.weights(), b.weights());
        TrainAssertions.assertSameTensors(a.optimizerState().tensors(), b.optimizerState().tensors());
        assertEquals(a.optimizerState().iterations(), b.optimizerState().iterations());
        assertEquals(a.progress().scheduleState(), b.progress().scheduleState());
        assertFalse(a.optimizerState().tensors().isEmpty());
    }

    private static void assertSameHistory(List<EpochResult> a, List<EpochResult> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            EpochResult x = a.get(i), y = b.get(i);
            String what = "epoch " + x.epoch();
            assertEquals(x.epoch(), y.epoch(), what);
            assertEquals(Double.doubleToRawLongBits(x.loss()), Double.doubleToRawLongBits(y.loss()), what + " loss");
            assertEquals(Double.doubleToRawLongBits(x.accuracy()), Double.doubleToRawLongBits(y.accuracy()), what + " accuracy");
            assertEquals(Double.doubleToRawLongBits(x.valLoss()), Double.doubleToRawLongBits(y.valLoss()), what + " val_loss");
            assertEquals(Double.doubleToRawLongBits(x.valAccuracy()), Double.doubleToRawLongBits(y.valAccuracy()), what + " val_accuracy");
            assertEquals(Double.doubleToRawLongBits(x.learningRate()), Double.doubleToRawLongBits(y.learningRate()), what + " lr");
            assertFalse(Double.isNaN(x.valLoss()), what + " was validated");
        }
        assertNotEquals(a.get(0).loss(), a.get(a.size() - 1).loss(), "training changed the loss");
    }
}
