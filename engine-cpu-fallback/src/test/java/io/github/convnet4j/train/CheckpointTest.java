package io.github.convnet4j.train;

import static io.github.convnet4j.persist.ModelFileTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.Optimizers;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.persist.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir Path dir;
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private TrainConfig config() {
        return TrainConfig.builder().epochs(1).batchSize(16).optimizer("adam").seed(3).runDir(dir).extra("data", "/somewhere").build();
    }

    private Model trainedModel() throws IOException {
        Model m = Model.of(SyntheticData.smallConvNet(4));
        m.build(backend, DType.F32, 1);
        new Trainer().fit(m, SyntheticData.quadrants(64, 8, 1), null, config(), null);
        return m;
    }

    @Test void readBackEqualsWhatTrainingWrote() throws IOException {
        try (Model m = trainedModel()) {
            CheckpointData cp = Checkpoint.read(dir);
            assertEquals(m.spec(), cp.spec());
            assertEquals(config().toBuilder().runDir(null).build(), cp.config());
            assertEquals("/somewhere", cp.config().extra().get("data"));
            TrainingProgress p = cp.progress();
            assertEquals(1, p.epoch());
            assertEquals(0, p.batch());
            assertEquals(4, p.globalStep());
            assertEquals(1, p.history().size());
            assertEquals("adam", cp.optimizerState().optimizer());
            assertEquals(4, cp.optimizerState().iterations());
            assertTrue(cp.optimizerState().tensors().containsKey("conv2d_1/kernel/m"), cp.optimizerState().tensors().keySet().toString());
            TrainAssertions.assertSameTensors(HostCopies.download(m.parameters()), cp.weights());
            // The file is plain safetensors with the documented names.
            SafeTensorsFile st = SafeTensors.read(Checkpoint.file(dir));
            assertTrue(st.tensors().containsKey("model/conv2d_1/kernel"));
            assertTrue(st.tensors().containsKey("optimizer/conv2d_1/kernel/v"));
            assertEquals("4", st.metadata().get("global_step"));
            assertEquals("3", st.metadata().get("seed"));
        }
    }

    @Test void failedWriteLeavesThePreviousCheckpointIntact() throws IOException {
        try (Model m = trainedModel(); Optimizer o = Optimizers.parse("adam")) {
            Path file = Checkpoint.file(dir);
            byte[] before = Files.readAllBytes(file);
            CheckpointData previous = Checkpoint.read(dir);
            // A write that dies half way through the body, as a full disk would.
            TensorFileWriter failing = (f, tensors, meta) -> AtomicFiles.write(f, out -> {
                out.write(new byte[4096]);
                throw new IOException("disk full (injected)");
            });
            IOException e = assertThrows(IOException.class,
                    () -> Checkpoint.write(dir, m, config(), o, previous.progress(), failing));
            assertEquals("disk full (injected)", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary files left");
            }
            assertEquals(previous.progress().globalStep(), Checkpoint.read(dir).progress().globalStep());
        }
    }

    @Test void inconsistentOrForeignFilesAreRefused() throws IOException {
        try (Model m = trainedModel()) {
            Path file = Checkpoint.file(dir);
            SafeTensorsFile st = SafeTensors.read(file);
            Path bad = dir.resolve("bad.safetensors");

            Map<String, String> meta = new LinkedHashMap<>(st.metadata());
            meta.put("global_step", "5");
            SafeTensors.write(bad, st.tensors(), meta);
            assertOneLineError(() -> Checkpoint.read(bad), "global_step disagrees");

            meta = new LinkedHashMap<>(st.metadata());
            meta.remove("progress");
            SafeTensors.write(bad, st.tensors(), meta);
            assertOneLineError(() -> Checkpoint.read(bad), "metadata has no progress");

            Map<String, HostTensor> tensors = new LinkedHashMap<>(st.tensors());
            tensors.put("junk", tensors.values().iterator().next());
            SafeTensors.write(bad, tensors, st.metadata());
            assertOneLineError(() -> Checkpoint.read(bad), "unexpected tensor junk");

            ModelFile.save(m, bad);
            assertOneLineError(() -> Checkpoint.read(bad), "not a convnet4j checkpoint");
            assertOneLineError(() -> ModelFile.load(file), "not a convnet4j model file");

            // A checkpoint whose weights do not fit the model names the tensor.
            tensors = new LinkedHashMap<>(st.tensors());
            tensors.remove("model/conv2d_1/kernel");
            SafeTensors.write(bad, tensors, st.metadata());
            CheckpointData cp = Checkpoint.read(bad);
            assertOneLineError(() -> cp.restoreWeights(m), "missing tensor conv2d_1/kernel");
        }
    }

    /** Every consistency check {@link Checkpoint#read} makes on the metadata, each by one mutation of a real checkpoint. */
    @TestFactory Stream<DynamicTest> everyMetadataInconsistencyIsRefused() throws IOException {
        try (Model m = trainedModel()) { /* writes dir/checkpoint.safetensors at epoch 1, step 4 */ }
        SafeTensorsFile st = SafeTensors.read(Checkpoint.file(dir));
        List<DynamicTest> cases = new java.util.ArrayList<>();
        Object[][] mutations = {
                {"seed", "4", "inconsistent checkpoint: seed disagrees with train_config"},
                {"epoch", "0", "inconsistent checkpoint: epoch disagrees with progress"},
                {"batch", "2", "inconsistent checkpoint: batch disagrees with progress"},
                {"global_step", "5", "inconsistent checkpoint: global_step disagrees with progress"},
                {"optimizer_iterations", "3", "inconsistent checkpoint: optimizer_iterations 3 differs from global_step 4"},
                {"seed", "abc", "metadata seed = 'abc' is not a non-negative integer"},
                {"global_step", "-4", "metadata global_step = '-4' is not a non-negative integer"},
                {"format", "convnet4j-model", "not a convnet4j checkpoint (format 'convnet4j-model', expected 'convnet4j-checkpoint')"},
                {"format", null, "not a convnet4j checkpoint (format missing"},
                {"format_version", "2", "unsupported checkpoint format_version 2 (this build reads 1)"},
                {"architecture", null, "metadata has no architecture"},
                {"architecture", "{\"layers\": 3}", "invalid architecture"},
                {"train_config", "{", "train config: malformed JSON"},
                {"train_config", "{\"epochs\": 1}", "missing field"},
                {"progress", "[]", "training progress"},
                {"optimizer", null, "metadata has no optimizer"},
                {"optimizer_name", null, "metadata has no optimizer_name"},
                {"optimizer_iterations", null, "metadata has no optimizer_iterations"},
                {"epoch", null, "metadata has no epoch"},
                {"batch", null, "metadata has no batch"},
                {"seed", null, "metadata has no seed"},
        };
        for (Object[] c : mutations) {
            String key = (String) c[0], value = (String) c[1], expected = (String) c[2];
            cases.add(DynamicTest.dynamicTest(key + " = " + value, () -> {
                Map<String, String> meta = new LinkedHashMap<>(st.metadata());
                if (value == null) meta.remove(key); else meta.put(key, value);
                Path bad = dir.resolve("bad-" + cases.size() + ".safetensors");
                SafeTensors.write(bad, st.tensors(), meta);
                IOException e = assertOneLineError(() -> Checkpoint.read(bad), expected);
                assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
            }));
        }
        cases.add(DynamicTest.dynamicTest("epoch beyond the configured epochs", () -> {
            // A checkpoint at epoch 1 whose train_config says 1 epoch is fine; rewrite it to claim epoch 2 consistently.
            Map<String, String> meta = new LinkedHashMap<>(st.metadata());
            TrainingProgress p = TrainJson.progressFromJson(meta.get("progress"));
            List<EpochResult> twice = List.of(p.history().get(0), new EpochResult(2, 1, 0.5, Double.NaN, Double.NaN, 0.001, 1, 1));
            TrainingProgress beyond = new TrainingProgress(2, 0, 8, p.trainSamples(), p.scheduleState(), 0, 0, 0, 0, twice);
            meta.put("progress", TrainJson.progressToJson(beyond));
            meta.put("epoch", "2");
            meta.put("global_step", "8");
            meta.put("optimizer_iterations", "8");
            Path bad = dir.resolve("beyond.safetensors");
            SafeTensors.write(bad, st.tensors(), meta);
            assertOneLineError(() -> Checkpoint.read(bad), "inconsistent checkpoint: epoch 2 is beyond the configured 1 epochs");
        }));
        return cases.stream();
    }

    @Test void trainingWritesHistoryAndFinalModel() throws IOException {
        try (Model m = trainedModel()) {
            String csv = Files.readString(dir.resolve("history.csv"));
            assertTrue(csv.startsWith("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second,data_wait_s\n1,"), csv);
            assertTrue(Files.readString(dir.resolve("history.json")).startsWith("[{\"epoch\":1,"));
            LoadedModel saved = ModelFile.load(dir.resolve(ModelFile.FILE_NAME));
            TrainAssertions.assertSameTensors(HostCopies.download(m.parameters()), saved.weights());
        }
    }
}
