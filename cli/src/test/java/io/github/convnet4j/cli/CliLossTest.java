package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --loss}, the spec's {@code loss} key, and keep-best and early stopping from the command line. */
class CliLossTest {
    @TempDir Path tmp;

    private static final String LINEAR = "name: linear\ninput_shape: [1, 2, 2]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 2}\n";

    /**
     * A model whose output is its bias, (0.25, -0.5), whatever the image: the kernel is zero. Mean
     * absolute error against one-hot targets is then by hand (|0.25 - 1| + |-0.5|) / 2 = 0.625 for
     * label 0 and (|0.25| + |-0.5 - 1|) / 2 = 0.875 for label 1.
     */
    private Path biasOnlyModel() throws Exception {
        Path file = tmp.resolve("bias.safetensors");
        try (Backend backend = new CpuBackendProvider().open(""); Model m = Model.of(ModelSpec.parse(LINEAR, "linear.yaml"))) {
            m.build(backend, DType.F32, 1);
            for (Parameter p : m.parameters()) {
                float[] v = new float[Math.toIntExact(p.value().size())];
                if (p.name().endsWith("/bias")) { v[0] = 0.25f; v[1] = -0.5f; }
                backend.upload(v, 0, p.value());
            }
            ModelFile.save(m, file);
        }
        return file;
    }

    /** IDX data of 2x2 images with these labels (pixel values do not matter to a zero kernel). */
    private Path data(int[] train, int[] test) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        TestIdx.write(dataset(train), dir, "train");
        TestIdx.write(dataset(test), dir, "t10k");
        return dir;
    }

    private static Dataset dataset(int[] labels) {
        float[] images = new float[labels.length * 4];
        for (int i = 0; i < images.length; i++) images[i] = (i % 7) / 7f;
        return new Dataset(images, labels, Shape.of(1, 2, 2), 2, List.of());
    }

    @Test void maeTrainsFromTheCliAndTheRecordedLossIsTheHandComputedOne() throws Exception {
        Path model = biasOnlyModel(), d = data(new int[] {0, 1, 1, 0, 1}, new int[] {0, 0, 1});
        double trainMae = (2 * 0.625 + 3 * 0.875) / 5, testMae = (2 * 0.625 + 0.875) / 3;
        Path out = tmp.resolve("run");
        // One batch holds the whole training set, so epoch 1's loss is taken before any update;
        // learning rate 0 keeps the weights, so validation and evaluate see the same model.
        CliRun r = CliRun.of("train", "--model", model.toString(), "--data", d.toString(), "--loss", "mae", "--epochs", "2",
                "--optimizer", "sgd:lr=0", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("history.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        String[] epoch1 = csv.get(1).split(",");
        assertEquals(trainMae, Double.parseDouble(epoch1[header.indexOf("loss")]), 1e-6);
        assertEquals(testMae, Double.parseDouble(epoch1[header.indexOf("val_loss")]), 1e-6);
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("test-metrics.json").toFile());
        assertEquals(testMae, metrics.get("loss").asDouble(), 1e-6);

        // The loss travels in the model file: evaluate reports MAE without being told.
        assertEquals(LossKind.MEAN_ABSOLUTE_ERROR, ModelFile.load(out.resolve("model.safetensors")).spec().loss());
        CliRun ev = CliRun.of("evaluate", "--model", out.toString(), "--data", d.toString(), "--json", "--device", "cpu");
        assertEquals(0, ev.exitCode(), ev.err());
        assertEquals(testMae, new ObjectMapper().readTree(ev.out()).get("loss").asDouble(), 1e-6);

        // ... and in the checkpoint: a resume keeps it and refuses another.
        CliRun other = CliRun.of("train", "--resume", out.toString(), "--loss", "mse", "--epochs", "3", "--device", "cpu");
        assertEquals(1, other.exitCode());
        assertTrue(other.errorLines().contains("cannot resume with loss mse, the run was started with mae"), other.err());
        CliRun more = CliRun.of("train", "--resume", out.toString(), "--epochs", "3", "--device", "cpu");
        assertEquals(0, more.exitCode(), more.err());
        List<String> after = Files.readAllLines(out.resolve("history.csv"));
        assertEquals(trainMae, Double.parseDouble(after.get(3).split(",")[header.indexOf("loss")]), 1e-6, "epoch 3 still trains on MAE");
    }

    @Test void theSpecsLossKeyIsUsedAndAnUnknownLossGetsASuggestion() throws Exception {
        Path d = data(new int[] {0, 1, 1, 0}, new int[] {1, 0});
        Path spec = Files.writeString(tmp.resolve("mse.yaml"), LINEAR + "loss: mean_squared_error\n");
        assertEquals(LossKind.MEAN_SQUARED_ERROR, ModelSpec.read(spec).loss());
        assertTrue(ModelSpec.read(spec).toJson().contains("\"loss\" : \"mse\""), ModelSpec.read(spec).toJson());
        Path out = tmp.resolve("mse-run");
        CliRun r = CliRun.of("train", "--model", spec.toString(), "--data", d.toString(), "--epochs", "1", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(LossKind.MEAN_SQUARED_ERROR, ModelFile.load(out.resolve("model.safetensors")).spec().loss());

        CliRun typo = CliRun.of("train", "--model", spec.toString(), "--data", d.toString(), "--loss", "maee", "--out", tmp.resolve("x").toString(), "--device", "cpu");
        assertEquals(1, typo.exitCode());
        assertEquals("convnet: error: unknown loss 'maee' (did you mean 'mae'?)", typo.errorLines().strip());
        Path badSpec = Files.writeString(tmp.resolve("bad.yaml"), LINEAR + "loss: categorical_crosentropy\n");
        CliRun bad = CliRun.of("summary", "--model", badSpec.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.errorLines().contains("bad.yaml: loss: unknown loss 'categorical_crosentropy' (did you mean 'categorical_crossentropy'?)"), bad.err());
    }

    @Test void earlyStoppingAndKeepBestFromTheCli() throws Exception {
        Path model = biasOnlyModel(), d = data(new int[] {0, 1, 1, 0, 1}, new int[] {0, 0, 1});
        Path out = tmp.resolve("es");
        // Learning rate 0: val_loss never improves after epoch 1; patience 2 stops after epoch 3 of 10.
        CliRun r = CliRun.of("train", "--model", model.toString(), "--data", d.toString(), "--epochs", "10", "--optimizer", "sgd:lr=0",
                "--early-stopping", "monitor=val_loss,patience=2,restore_best=true", "--keep-best", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1 + 3, Files.readAllLines(out.resolve("history.csv")).size(), "header and three epochs");
        assertTrue(r.out().contains("early stopping after epoch 3: val_loss has not improved since epoch 1"), r.out());
        assertTrue(r.out().contains("best val_loss so far"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("best.safetensors")));

        CliRun bad = CliRun.of("train", "--model", model.toString(), "--data", d.toString(), "--early-stopping", "patience=2,monitor=val_los",
                "--out", tmp.resolve("never").toString(), "--device", "cpu");
        assertEquals(1, bad.exitCode());
        assertEquals("convnet: error: early stopping: unknown monitor 'val_los' (did you mean 'val_loss'?)", bad.errorLines().strip());
    }
}
