package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.OptimizerState;
import io.github.convnet4j.optim.Optimizers;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop end to end on small problems: what it learns, what it reports, its checkpoints,
 * resume and refusals.
 *
 * <p>Left alone: {@code resume}'s {@code batch > batchesPerEpoch} moved to {@code >=}; the trainer
 * never writes a checkpoint at an epoch's last batch (that step is followed by the epoch-end one),
 * so only a hand-made file could tell. {@code TrainOptions.validate} closing its throw-away
 * optimizer is equivalent: an optimizer never stepped holds no tensors.
 */
class TrainerTest {
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private Model built(ModelSpec spec, Backend on) {
        Model m = Model.of(spec);
        m.build(on, DType.F32, 11);
        return m;
    }

    @Test void learnsASimpleProblemAndReportsProgress() throws IOException {
        Dataset train = SyntheticData.quadrants(768, 8, 1), test = SyntheticData.quadrants(256, 8, 2);
        List<String> events = new ArrayList<>();
        List<Double> runningLoss = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onEpochStart(int epoch, int epochs, int batches) { events.add("start " + epoch + "/" + epochs + " " + batches); }
            @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc, double ips) {
                runningLoss.add(loss);
                assertTrue(ips > 0 && acc >= 0 && acc <= 1);
            }
            @Override public void onEpochEnd(EpochResult r) { events.add("end " + r.epoch()); }
        };
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            TrainConfig c = TrainConfig.builder().epochs(4).batchSize(32).optimizer("adam:lr=0.01").seed(5).build();
            TrainResult r = new Trainer().fit(m, train, test, c, listener);
            assertEquals(List.of("start 1/4 24", "end 1", "start 2/4 24", "end 2", "start 3/4 24", "end 3", "start 4/4 24", "end 4"), events);
            assertEquals(96, runningLoss.size());
            assertEquals(4, r.history().size());
            assertNull(r.checkpoint());
            EpochResult last = r.history().get(3);
            assertTrue(last.valAccuracy() >= 0.95, "validation accuracy " + last.valAccuracy());
            assertTrue(last.loss() < r.history().get(0).loss(), "loss went down");
            assertEquals(0.01, last.learningRate());
            try (Evaluator ev = new Evaluator(m, null, 4, 50)) {
                Evaluation e = ev.evaluate(test, true);
                assertEquals(LossKind.SOFTMAX_CROSS_ENTROPY, ev.loss());
                // Inference is deterministic: same numbers as the trainer's last validation.
                assertEquals(last.valAccuracy(), e.accuracy());
                assertEquals(last.valLoss(), e.loss(), 1e-6 * last.valLoss());
                checkProbabilities(e, test);
                assertEquals(crossEntropy(e, test) + l2Penalty(m), e.loss(), 1e-5 * e.loss(), "loss = cross-entropy + L2 penalty");
                try (Predictor p = new Predictor(m, 64)) {
                    float[] probs = p.predict(test);
                    for (int i = 0; i < probs.length; i++) assertEquals(e.probabilities()[i], probs[i], 1e-6f, "probability " + i);
                }
            }
        }
    }

    /** Rows sum to 1 and the accuracy equals the share of rows whose argmax is the label. */
    private static void checkProbabilities(Evaluation e, Dataset data) {
        int correct = 0;
        for (int i = 0; i < e.samples(); i++) {
            double sum = 0;
            int best = 0;
            for (int k = 0; k < e.width(); k++) {
                float v = e.probabilities()[i * e.width() + k];
                sum += v;
                if (v > e.probabilities()[i * e.width() + best]) best = k;
            }
            assertEquals(1.0, sum, 1e-5, "row " + i);
            if (best == data.label(i)) correct++;
        }
        assertEquals((double) correct / e.samples(), e.accuracy());
    }

    /** Mean of -log p(label), from the probabilities. */
    private static double crossEntropy(Evaluation e, Dataset data) {
        double sum = 0;
        for (int i = 0; i < e.samples(); i++) sum -= Math.log(e.probabilities()[i * e.width() + data.label(i)]);
        return sum / e.samples();
    }

    /** 1e-3 * sum w^2 over the dense kernel, the only regularized parameter of the small convnet. */
    private static double l2Penalty(Model m) {
        double sum = 0;
        for (Parameter p : m.parameters()) {
            if (p.regularizer().isNone()) continue;
            assertEquals(1e-3, p.regularizer().l2());
            for (float w : HostCopies.download(p.value()).data()) sum += (double) w * w;
        }
        assertTrue(sum > 0);
        return 1e-3 * sum;
    }

    @Test void noDeviceAllocationAfterWarmUp() throws IOException {
        CountingBackend counting = new CountingBackend(backend);
        Dataset train = SyntheticData.quadrants(128, 8, 3), validation = SyntheticData.quadrants(64, 8, 4);
        int[] afterFirstEpoch = {-1};
        int[] atEnd = {-1};
        try (Model m = built(SyntheticData.smallConvNet(4), counting)) {
            TrainConfig c = TrainConfig.builder().epochs(3).batchSize(32).optimizer("adam").seed(1).build();
            new Trainer().fit(m, train, validation, c, new TrainingListener() {
                @Override public void onEpochEnd(EpochResult r) {
                    if (r.epoch() == 1) afterFirstEpoch[0] = counting.allocations();
                    atEnd[0] = counting.allocations();
                }
            });
        }
        assertTrue(afterFirstEpoch[0] > 0);
        assertEquals(afterFirstEpoch[0], atEnd[0], "device allocations during epochs 2 and 3");
    }

    @Test void binarySigmoidOutputInfersBinaryCrossEntropy() throws IOException {
        Dataset four = SyntheticData.quadrants(256, 8, 6);
        int[] labels = new int[four.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = four.label(i) % 2;   // left vs right half
        Dataset two = new Dataset(four.images(), labels, four.sampleShape(), 2, null);
        ModelSpec spec = ModelSpec.of("binary", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 1, "activation", "sigmoid")));
        try (Model m = built(spec, backend)) {
            TrainConfig c = TrainConfig.builder().epochs(4).batchSize(32).optimizer("adam:lr=0.05").seed(2).build();
            TrainResult r = new Trainer().fit(m, two, two, c, null);
            assertTrue(r.history().get(3).valAccuracy() > 0.9, r.history().toString());
            try (Evaluator ev = new Evaluator(m, null, 2, 64)) {
                assertEquals(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, ev.loss());
                Evaluation e = ev.evaluate(two, true);
                int correct = 0;
                for (int i = 0; i < two.size(); i++) if ((e.probabilities()[i] >= 0.5f) == (two.label(i) == 1)) correct++;
                assertEquals((double) correct / two.size(), e.accuracy());
            }
        }
    }

    @Test void mismatchesAreOneLineErrors() {
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            Dataset threeClasses = new Dataset(new float[64 * 2], new int[] {0, 2}, Shape.of(1, 8, 8), 3, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, threeClasses, null, TrainConfig.builder().epochs(1).build(), null));
            assertEquals("the model outputs 4 values per sample but the data has 3 classes (the last Dense layer needs 3 units)", e.getMessage());
            Dataset wrongShape = SyntheticData.quadrants(8, 10, 1);
            e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, wrongShape, null, TrainConfig.builder().epochs(1).build(), null));
            assertEquals("the data's samples are (1, 10, 10) but the model takes (1, 8, 8)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Trainer().fit(m, SyntheticData.quadrants(8, 8, 1), null,
                    TrainConfig.builder().epochs(1).schedule("plateau").build(), null));
            assertTrue(e.getMessage().contains("monitors val_loss but there is no validation data"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Trainer().fit(m, SyntheticData.quadrants(8, 8, 1), null,
                    TrainConfig.builder().epochs(1).loss(LossKind.SIGMOID_BINARY_CROSS_ENTROPY).build(), null));
            assertTrue(e.getMessage().startsWith("binary cross-entropy needs a sigmoid"), e.getMessage());
        }
    }

    @Test void divergenceStopsWithAClearMessage() {
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            TrainConfig c = TrainConfig.builder().epochs(2).batchSize(16).optimizer("sgd:lr=1e30").build();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Trainer().fit(m, SyntheticData.quadrants(64, 8, 1), null, c, null));
            assertTrue(e.getMessage().startsWith("loss became") && e.getMessage().contains("lower learning rate"), e.getMessage());
        }
    }
    /** Flatten and a softmax Dense with an L2 regularizer: no dropout or batch statistics, so at learning rate 0 training is inference. */
    private static final ModelSpec FROZEN_LINEAR = ModelSpec.of("linear", Shape.of(1, 8, 8), List.of(LayerSpec.of("Flatten"),
            LayerSpec.of("Dense", "units", 4, "activation", "softmax", "kernel_regularizer", Map.of("l2", 1e-2))));

    /**
     * At learning rate 0 the weights never move, so each epoch's training loss (with the L2 penalty)
     * and accuracy are the evaluator's on the training data, and the running values at an epoch's
     * last batch are the epoch's. Times are bounded by the wall clock around {@code fit}; the share
     * of time spent waiting for data is at least the epoch's wait over the epoch's time, at most 1.
     * Checkpoints every 2 of the 4 steps per epoch: mid-epoch at steps 2 and 6, at each epoch end otherwise.
     */
    @Test void epochNumbersProgressAndCheckpointsOfAFrozenModel(@TempDir Path tmp) throws IOException {
        Dataset train = SyntheticData.quadrants(64, 8, 21), validation = SyntheticData.quadrants(32, 8, 22);
        Path dir = tmp.resolve("run");
        List<double[]> batchEnds = new ArrayList<>();   // epoch, batch, loss, accuracy, images/s, data-wait share, elapsed s
        List<String> checkpoints = new ArrayList<>();
        List<Path> checkpointFiles = new ArrayList<>();
        long start = System.nanoTime();
        TrainConfig c = TrainConfig.builder().epochs(2).batchSize(16).optimizer("sgd:lr=0").seed(8).runDir(dir).checkpointEverySteps(2).build();
        try (Model m = built(FROZEN_LINEAR, backend)) {
            TrainResult r = new Trainer().fit(m, train, validation, c, new TrainingListener() {
                @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc, double ips, double wait) {
                    batchEnds.add(new double[] {epoch, batch, loss, acc, ips, wait, (System.nanoTime() - start) * 1e-9});
                }
                @Override public void onCheckpoint(Path file, int epoch, int batch, long globalStep) {
                    checkpoints.add(epoch + " " + batch + " " + globalStep);
                    checkpointFiles.add(file);
                }
            });
            double wall = (System.nanoTime() - start) * 1e-9;
            assertEquals(List.of("1 2 2", "2 0 4", "2 2 6", "3 0 8"), checkpoints);
            Path cp = dir.resolve(Checkpoint.FILE_NAME);
            assertEquals(List.of(cp, cp, cp, cp), checkpointFiles);
            assertEquals(cp, r.checkpoint());
            assertEquals(dir.resolve("model.safetensors"), r.modelFile());
            assertTrue(Files.isRegularFile(r.modelFile()));
            byte[] png = Files.readAllBytes(dir.resolve("curves.png"));
            assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1), "the training curves chart");

            Evaluation onTrain, onValidation;
            try (Evaluator ev = new Evaluator(m, null, 4, 64)) {
                onTrain = ev.evaluate(train, false);
                onValidation = ev.evaluate(validation, false);
            }
            assertEquals(8, batchEnds.size());
            for (EpochResult e : r.history()) {
                assertEquals(onTrain.loss(), e.loss(), 1e-6 * onTrain.loss(), "epoch " + e.epoch() + " loss = cross-entropy + L2 penalty");
                assertEquals(onTrain.accuracy(), e.accuracy(), 1e-12, "epoch " + e.epoch());
                assertEquals(onValidation.loss(), e.valLoss(), 1e-6 * onValidation.loss());
                assertTrue(e.validated());
                assertTrue(e.seconds() > 0 && e.seconds() <= wall, e.seconds() + " s of " + wall);
                assertTrue(e.imagesPerSecond() >= 64 / wall && Double.isFinite(e.imagesPerSecond()), "images/s " + e.imagesPerSecond());
                double[] last = batchEnds.get(4 * e.epoch() - 1);
                assertEquals(4, last[1]);
                assertEquals(e.loss(), last[2], "running loss over the whole epoch");
                assertEquals(e.accuracy(), last[3], "running accuracy over the whole epoch");
                assertTrue(last[5] >= e.dataWaitSeconds() / e.seconds() && last[5] <= 1, "data-wait share " + last[5]);
                assertTrue(e.dataWaitSeconds() > 0);
            }
            for (double[] b : batchEnds) {
                double seen = 16 * b[1];
                assertTrue(b[4] >= seen / b[6] && Double.isFinite(b[4]), "images/s " + b[4] + " after " + b[6] + " s");
                assertTrue(b[3] >= 0 && b[3] <= 1 && b[5] >= 0 && b[5] <= 1, Arrays.toString(b));
            }
        }
    }

    @Test void aStopRequestedAtAnEpochsEndEndsTheRunThere() throws IOException {
        Trainer t = new Trainer();
        try (Model m = built(FROZEN_LINEAR, backend)) {
            TrainConfig c = TrainConfig.builder().epochs(3).batchSize(16).optimizer("sgd:lr=0").build();
            TrainResult r = t.fit(m, SyntheticData.quadrants(64, 8, 1), null, c, new TrainingListener() {
                @Override public void onEpochEnd(EpochResult e) { if (e.epoch() == 1) t.requestStop(); }
            });
            assertFalse(r.completed());
            assertEquals(1, r.history().size());
            assertEquals(4, r.globalStep());
            assertFalse(r.history().get(0).validated());
        }
    }

    @Test void validationDataMustFitTheModelAndTheTrainingData() {
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            Dataset train = SyntheticData.quadrants(8, 8, 1);
            Dataset wrongShape = SyntheticData.quadrants(8, 10, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, train, wrongShape, TrainConfig.builder().epochs(1).build(), null));
            assertEquals("the data's samples are (1, 10, 10) but the model takes (1, 8, 8)", e.getMessage());
            Dataset fiveClasses = new Dataset(new float[64 * 2], new int[] {0, 4}, Shape.of(1, 8, 8), 5, null);
            e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, train, fiveClasses, TrainConfig.builder().epochs(1).build(), null));
            assertEquals("validation data has 5 classes, training data 4", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, train, null, TrainConfig.builder().epochs(1).keepBest("val_accuracy").build(), null));
            assertEquals("keep best monitors val_accuracy but there is no validation data (set a validation fraction or monitor loss)", e.getMessage());
        }
    }

    /**
     * A run resumed at its last epoch's end trains nothing more: it reports the resume, rewrites the
     * history files from the checkpoint (a kill may have come between checkpoint and history) and
     * writes the model. A checkpoint whose step count does not fit its epoch and batch is refused.
     */
    @Test void resumingAFinishedRunAndAnInconsistentCheckpoint(@TempDir Path tmp) throws IOException {
        Dataset train = SyntheticData.quadrants(64, 8, 5);
        Path dir = tmp.resolve("run");
        TrainConfig c = TrainConfig.builder().epochs(1).batchSize(16).optimizer("sgd:lr=0.1").seed(2).runDir(dir).build();
        try (Model m = built(FROZEN_LINEAR, backend)) {
            new Trainer().fit(m, train, null, c, null);
        }
        Files.delete(dir.resolve("history.csv"));
        Files.delete(dir.resolve("model.safetensors"));
        List<String> resumed = new ArrayList<>();
        try (Model m = built(FROZEN_LINEAR, backend)) {
            TrainResult r = new Trainer().fit(m, train, null, c.toBuilder().resume(true).build(), new TrainingListener() {
                @Override public void onResume(int epoch, int batch, long globalStep) { resumed.add(epoch + " " + batch + " " + globalStep); }
                @Override public void onEpochStart(int epoch, int epochs, int batches) { resumed.add("epoch " + epoch); }
            });
            assertEquals(List.of("2 0 4"), resumed, "continues in epoch 2 after 4 steps, and there is no epoch 2");
            assertTrue(r.completed());
            assertEquals(4, r.globalStep());
            assertEquals(1, r.history().size());
            assertTrue(Files.readString(dir.resolve("history.csv")).lines().count() == 2, "header and epoch 1");
            assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")));
        }

        // Step 5 at epoch 1 batch 0: with 4 batches per epoch that is step 4. (An sgd state with 5 iterations keeps the file self-consistent.)
        try (RunDirectory run = RunDirectory.resume(dir); Model m = built(FROZEN_LINEAR, backend);
             Optimizer sgd = Optimizers.parse("sgd:lr=0.1")) {
            TrainingProgress p = run.checkpoint().progress();
            sgd.importState(new OptimizerState("sgd", 5, Map.of()), m.parameters());
            run.writeCheckpoint(m, c, sgd, new TrainingProgress(1, 0, 5, p.trainSamples(), p.scheduleState(), 0, 0, 0, 0, p.history()));
        }
        try (Model m = built(FROZEN_LINEAR, backend)) {
            IOException e = assertThrows(IOException.class, () -> new Trainer().fit(m, train, null, c.toBuilder().epochs(2).resume(true).build(), null));
            assertTrue(e.getMessage().endsWith(": epoch 1 batch 0 step 5 do not fit 4 batches per epoch"), e.getMessage());
        }
    }

    /**
     * Early stopping's state survives a resume: the history is replayed, so the best epoch before
     * the resume stays the best, and when the run was resumed at the end of that epoch its weights
     * (just restored from the checkpoint) are the ones restore_best puts back. The learning rate
     * falls to 0 after epoch 2 (cosine over 2 epochs), so epochs 3 and 4 repeat epoch 2's val_loss
     * and do not improve on it.
     */
    @Test void earlyStoppingContinuesAcrossAResume(@TempDir Path tmp) throws IOException {
        Dataset train = SyntheticData.quadrants(64, 8, 6), validation = SyntheticData.quadrants(32, 8, 7);
        TrainConfig c = TrainConfig.builder().epochs(2).batchSize(16).optimizer("sgd:lr=0.5").schedule("cosine:epochs=2").seed(3)
                .earlyStopping("monitor=val_loss,patience=5,restore_best=true").runDir(tmp.resolve("run")).build();
        try (Model m = built(FROZEN_LINEAR, backend)) {
            TrainResult first = new Trainer().fit(m, train, validation, c, null);
            assertTrue(first.history().get(1).valLoss() < first.history().get(0).valLoss(), "epoch 2 improves: " + first.history());
        }
        List<String> restored = new ArrayList<>();
        try (Model m = built(FROZEN_LINEAR, backend)) {
            TrainResult r = new Trainer().fit(m, train, validation, c.toBuilder().epochs(4).resume(true).build(), new TrainingListener() {
                @Override public void onBestWeightsRestored(int bestEpoch, boolean ok) { restored.add(bestEpoch + " " + ok); }
            });
            assertEquals(4, r.history().size());
            assertEquals(r.history().get(1).valLoss(), r.history().get(3).valLoss(), "frozen after epoch 2");
            assertEquals(List.of("2 true"), restored);
        }
    }
}
