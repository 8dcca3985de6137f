package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early stopping (Keras's EarlyStopping semantics) and keep-best on the CPU reference, where runs are bit-reproducible. */
class EarlyStoppingTest {
    private final Backend backend = new CpuBackendProvider().open("");
    private final Dataset train = SyntheticData.quadrants(256, 8, 1), validation = SyntheticData.quadrants(128, 8, 2);
    @TempDir Path tmp;

    @AfterEach void close() { backend.close(); }

    private TrainResult fit(TrainConfig c, Model m, TrainingListener l) throws IOException {
        return new Trainer().fit(m, train, validation, c, l);
    }

    private Model built() { return built(SyntheticData.smallConvNet(4)); }

    /** No batch normalization: with learning rate 0 nothing changes between epochs, so every val_loss is the same. */
    private Model frozenInPlace() {
        return built(ModelSpec.of("plain", Shape.of(1, 8, 8), List.of(LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 4, "activation", "softmax"))));
    }

    private Model built(ModelSpec spec) {
        Model m = Model.of(spec);
        m.build(backend, DType.F32, 11);
        return m;
    }

    private static Map<String, float[]> weights(Model m) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Parameter p : m.parameters()) {
            float[] v = new float[Math.toIntExact(p.value().size())];
            p.value().backend().download(p.value(), v, 0);
            w.put(p.name(), v);
        }
        return w;
    }

    private static void assertSameBits(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    private static TrainConfig.Builder config() {
        return TrainConfig.builder().epochs(10).batchSize(64).seed(5);
    }

    @Test void stopsAfterPatienceEpochsWithoutImprovement() throws IOException {
        // Learning rate 0: the weights never change, so val_loss is the same every epoch and only
        // the first epoch improves (on +infinity). As in Keras, patience 0 stops at the first epoch
        // that does not improve, the second.
        for (int patience : new int[] {0, 1, 2, 4}) {
            int epochs = 1 + Math.max(1, patience);
            List<String> stops = new ArrayList<>();
            TrainingListener l = new TrainingListener() {
                @Override public void onEarlyStop(int epoch, String monitor, int bestEpoch, double best) { stops.add(epoch + " " + monitor + " " + bestEpoch); }
            };
            try (Model m = frozenInPlace()) {
                TrainResult r = fit(config().optimizer("sgd:lr=0").earlyStopping("monitor=val_loss,patience=" + patience).build(), m, l);
                assertEquals(epochs, r.history().size(), "patience " + patience);
                assertEquals(List.of(epochs + " val_loss 1"), stops);
                assertTrue(r.completed());
                assertEquals(r.history().get(0).valLoss(), r.history().get(epochs - 1).valLoss(), "constant val_loss");
            }
        }
    }

    @Test void anImprovementResetsThePatienceAndAnImprovingRunIsNotStopped() throws IOException {
        try (Model m = built()) {
            // The training loss of this run falls every epoch: patience 0 never fires.
            TrainResult r = fit(config().epochs(4).optimizer("adam:lr=0.01").earlyStopping("monitor=loss,patience=0").build(), m, null);
            assertEquals(4, r.history().size());
            for (int i = 1; i < 4; i++) assertTrue(r.history().get(i).loss() < r.history().get(i - 1).loss(), "loss falls at epoch " + (i + 1));
        }
    }

    @Test void restoreBestGivesTheBestEpochsWeightsBitForBit() throws IOException {
        Map<String, float[]> afterOneEpoch, restored, last;
        try (Model m = built()) {
            fit(config().epochs(1).optimizer("adam:lr=0.01").build(), m, null);
            afterOneEpoch = weights(m);
        }
        // min_delta larger than any loss: only the first epoch counts as an improvement, so the run
        // stops after epoch 3 (patience 2) and ends with epoch 1's weights.
        List<Integer> restoredEpochs = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override public void onBestWeightsRestored(int bestEpoch, boolean ok) { if (ok) restoredEpochs.add(bestEpoch); }
        };
        try (Model m = built()) {
            TrainResult r = fit(config().optimizer("adam:lr=0.01").earlyStopping("monitor=loss,patience=2,min_delta=1e6,restore_best=true").build(), m, l);
            assertEquals(3, r.history().size());
            restored = weights(m);
        }
        try (Model m = built()) {
            fit(config().optimizer("adam:lr=0.01").earlyStopping("monitor=loss,patience=2,min_delta=1e6").build(), m, null);
            last = weights(m);
        }
        assertEquals(List.of(1), restoredEpochs);
        assertSameBits(afterOneEpoch, restored);
        assertFalse(java.util.Arrays.equals(afterOneEpoch.values().iterator().next(), last.values().iterator().next()),
                "without restore_best the model keeps epoch 3's weights, which differ");
    }

    @Test void keepBestWritesTheModelOfEachNewBestEpoch() throws IOException {
        Path dir = tmp.resolve("run");
        List<Integer> saved = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override public void onBestModelSaved(Path file, int epoch, String monitor, double value) {
                assertEquals(dir.resolve(RunDirectory.BEST_MODEL_FILE), file);
                assertEquals("val_accuracy", monitor);
                saved.add(epoch);
            }
        };
        TrainResult r;
        try (Model m = built()) {
            r = fit(config().epochs(5).optimizer("adam:lr=0.01").keepBest("val_accuracy").runDir(dir).build(), m, l);
        }
        // The epochs that set a new maximum of val_accuracy, computed from the history.
        List<Integer> expected = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        for (EpochResult e : r.history()) {
            if (e.valAccuracy() > best) { best = e.valAccuracy(); bestEpoch = e.epoch(); expected.add(e.epoch()); }
        }
        assertEquals(expected, saved);
        // best.safetensors holds the weights a run of bestEpoch epochs ends with, bit for bit.
        Map<String, float[]> reference;
        try (Model m = built()) {
            fit(config().epochs(bestEpoch).optimizer("adam:lr=0.01").build(), m, null);
            reference = weights(m);
        }
        LoadedModel best0 = ModelFile.load(dir.resolve(RunDirectory.BEST_MODEL_FILE));
        Map<String, float[]> stored = new LinkedHashMap<>();
        best0.weights().forEach((k, v) -> stored.put(k, v.data()));
        assertSameBits(reference, stored);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test void keepBestSurvivesAResume() throws IOException {
        // Two epochs, then resumed to four: the best value is rebuilt from the history, so an epoch
        // after the resume is saved only when it beats the epochs before it.
        Path dir = tmp.resolve("resumed");
        List<Integer> saved = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override public void onBestModelSaved(Path file, int epoch, String monitor, double value) { saved.add(epoch); }
        };
        TrainResult r;
        try (Model m = frozenInPlace()) {
            fit(config().epochs(2).optimizer("sgd:lr=0").keepBest("val_loss").runDir(dir).build(), m, l);
        }
        try (Model m = frozenInPlace()) {
            r = fit(config().epochs(4).optimizer("sgd:lr=0").keepBest("val_loss").runDir(dir).resume(true).build(), m, l);
        }
        assertEquals(4, r.history().size());
        assertEquals(List.of(1), saved, "constant val_loss: only epoch 1 is a new best, also after the resume");
    }

    @Test void badSpecsGetOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config().earlyStopping("monitor=val_los").build());
        assertEquals("early stopping: unknown monitor 'val_los' (did you mean 'val_loss'?)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config().earlyStopping("patience=2,restore=true").build());
        assertTrue(e.getMessage().contains("unknown option restore (valid: monitor, patience, min_delta, restore_best)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config().earlyStopping("patience=-1").build());
        assertEquals("early stopping: patience must be >= 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config().keepBest("accuracyy").build());
        assertEquals("keep best: unknown monitor 'accuracyy' (did you mean 'accuracy'?)", e.getMessage());
        assertEquals("monitor=val_loss,patience=0,min_delta=0.0,restore_best=false", config().earlyStopping("").build().earlyStopping());
    }

    @Test void aValidationMonitorWithoutValidationDataIsRefused() {
        try (Model m = built()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, train, null, config().earlyStopping("patience=1").build(), null));
            assertTrue(e.getMessage().startsWith("early stopping monitors val_loss but there is no validation data"), e.getMessage());
        }
    }
}
