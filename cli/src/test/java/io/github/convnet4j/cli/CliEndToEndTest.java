package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end on a small slice of Fashion-MNIST written as IDX files: train, resume,
 * evaluate (JSON keys), predict (IDX and PNG), summary of a run directory, visualize.
 *
 * <p>Every test stands alone: the one training run they share is made in {@code @BeforeAll}, and a
 * test that changes a run works on its own copy. (Mutation testing runs each test by itself; a
 * test that needed an earlier one's files failed there whatever the mutant, and was counted as
 * killing it.)
 */
class CliEndToEndTest {
    @TempDir static Path tmp;
    static Path data;
    static Path run;
    static CliRun trained;

    @BeforeAll
    static void writeSmallDataset() throws Exception {
        MnistFormat.TrainTest full = MnistFormat.load(n -> BundledData.open("fashion-mnist", n), "fashion-mnist");
        data = Files.createDirectories(tmp.resolve("data"));
        TestIdx.write(full.train().subset(512), data, "train");
        TestIdx.write(full.test().subset(200), data, "t10k");
        run = tmp.resolve("run");
        trained = CliRun.of("train", "--data", data.toString(), "--epochs", "1", "--batch-size", "32",
                "--device", "cpu", "--out", run.toString(), "--checkpoint-every", "5", "--class-names", "fashion-mnist");
    }

    @Test
    void trainWritesARunDirectory() throws Exception {
        CliRun r = trained;
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Epoch 1/1"), r.out());
        assertTrue(r.out().contains("test: loss"), r.out());
        // One meaning of val_* everywhere (Keras's): what was evaluated after each epoch, here the test set.
        assertTrue(r.out().contains("validation (val_*): the test set, 200 samples"), r.out());
        assertTrue(r.out().contains(" - val_loss: ") && !r.out().contains("test_loss"), r.out());
        assertTrue(Files.readString(run.resolve("history.csv")).startsWith("epoch,loss,accuracy,val_loss,val_accuracy,"));
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain-file")));
        for (String f : new String[] {"model.safetensors", "checkpoint.safetensors", "history.csv", "history.json", "curves.png", "test-metrics.json"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " missing");
            assertEquals(PosixFilePermissions.toString(umaskMode), PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(f))),
                    f + " follows the umask");
        }
    }

    @Test
    void theModelFileKeepsTheClassNames() throws Exception {
        // A 512-sample directory is not recognized as Fashion-MNIST, so the names came from --class-names.
        assertEquals(MnistFormat.FASHION_MNIST_CLASSES,
                io.github.convnet4j.persist.ModelFile.load(run.resolve("model.safetensors")).spec().classNames());
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("test-metrics.json").toFile());
        assertTrue(metrics.toString().contains("Ankle boot"), "test-metrics.json names the classes: " + metrics);
    }

    @Test
    void resumeExtendsTheRun() throws Exception {
        Path run = copyOfTheRun("resumed");
        CliRun again = CliRun.of("train", "--data", data.toString(), "--epochs", "1", "--out", run.toString());
        assertEquals(1, again.exitCode(), "a second run into the same directory must be refused");
        assertTrue(again.errorLines().contains("--resume"), again.err());

        // Settings that decide the numbers cannot change: one line naming the setting and both values, nothing touched.
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint.safetensors"));
        String[][] refusals = {
                {"--batch-size", "16", "cannot resume with batch size 16, the run was started with 32"},
                {"--optimizer", "sgd", "cannot resume with optimizer sgd, the run was started with adam"},
                {"--lr", "0.5", "cannot resume with learning rate 0.5, the run was started with 0.001"},
                {"--seed", "7", "cannot resume with seed 7, the run was started with 42"},
                {"--schedule", "cosine", "cannot resume with schedule cosine, the run was started with constant"},
                {"--augment", "flip", "cannot resume with augmentation flip, the run was started with none"},
                {"--validation-split", "0.5", "cannot resume with validation split 0.5, the run was started with 0.0"},
                {"--data", "fashion-mnist", "cannot resume with --data fashion-mnist, the run was started with " + data},
                {"--limit", "100", "cannot resume with --limit 100, the run was started with none"},
        };
        for (String[] c : refusals) {
            CliRun refused = CliRun.of("train", "--resume", run.toString(), c[0], c[1], "--device", "cpu");
            assertEquals(1, refused.exitCode(), c[0]);
            assertEquals("convnet: error: " + run.resolve("checkpoint.safetensors") + ": " + c[2], refused.errorLines().strip()
                    .replace(" (settings that decide the numbers cannot change; start a new run with --out)", ""), c[0]);
        }
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(run.resolve("checkpoint.safetensors"))), "a refused resume changed the checkpoint");

        CliRun r = CliRun.of("train", "--resume", run.toString(), "--epochs", "2", "--batch-size", "32", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Epoch 2/2"), r.out());
        assertEquals(3, Files.readAllLines(run.resolve("history.csv")).size(), "header + 2 epochs");
        assertEquals(MnistFormat.FASHION_MNIST_CLASSES,
                io.github.convnet4j.persist.ModelFile.load(run.resolve("model.safetensors")).spec().classNames(), "kept across --resume");
    }

    @Test
    void evaluateJsonHasTheRequiredKeys() throws Exception {
        CliRun r = CliRun.of("evaluate", "--model", run.toString(), "--data", data.toString(), "--json", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"loss", "accuracy", "macro_f1", "auc", "confusion_matrix"}) assertTrue(json.has(key), key + " in " + r.out());
        assertTrue(json.get("loss").asDouble() > 0, r.out());
        assertTrue(new ObjectMapper().readTree(run.resolve("test-metrics.json").toFile()).get("loss").asDouble() > 0, "test-metrics.json has the loss");
        assertEquals(10, json.get("confusion_matrix").size());
        long total = 0;
        for (JsonNode row : json.get("confusion_matrix")) for (JsonNode c : row) total += c.asLong();
        assertEquals(200, total);
        double acc = json.get("accuracy").asDouble();
        assertTrue(acc > 0.3 && acc <= 1, "one epoch on 512 samples learns something: " + acc);
    }

    @Test
    void predictIdxAndPng() throws Exception {
        CliRun r = CliRun.of("predict", "--model", run.resolve("model.safetensors").toString(),
                "--input", data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--count", "3", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().filter(l -> l.contains("#")).toList();
        assertEquals(3, lines.size(), r.out());
        for (String line : lines) {
            // Without --labels the model's own class names are printed, never "class N".
            assertTrue(MnistFormat.FASHION_MNIST_CLASSES.stream().anyMatch(n -> line.contains("1. " + n + " ")), line);
        }
        CliRun numbered = CliRun.of("predict", "--model", run.toString(), "--input", data.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--count", "1", "--labels", names(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9")).toString(), "--device", "cpu");
        assertEquals(0, numbered.exitCode(), numbered.err());
        assertTrue(numbered.out().matches("(?s).*1\\. c\\d .*"), "--labels overrides the model's names: " + numbered.out());

        Path png = tmp.resolve("shirt.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(56, 56, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(20, 20, 0, 255);
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        CliRun p = CliRun.of("predict", "--model", run.toString(), "--input", png.toString(), "--top-k", "2", "--json", "--device", "cpu");
        assertEquals(0, p.exitCode(), p.err());
        JsonNode top = new ObjectMapper().readTree(p.out()).get("predictions").get(0).get("top");
        assertEquals(2, top.size());
        assertTrue(top.get(0).get("probability").asDouble() >= top.get(1).get("probability").asDouble());
    }

    @Test
    void summaryOfRunDirectoryAndVisualize() throws Exception {
        CliRun s = CliRun.of("summary", "--model", run.toString(), "--json");
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(93322, new ObjectMapper().readTree(s.out()).get("total_params").asLong());

        Path png = tmp.resolve("in.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        Path out = tmp.resolve("viz");
        CliRun v = CliRun.of("visualize", "--model", run.toString(), "--input", png.toString(), "--out", out.toString(), "--device", "cpu");
        assertEquals(0, v.exitCode(), v.err());
        for (String f : new String[] {"filters-conv2d_1.png", "features-conv2d_1.png", "saliency.png", "input.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void transferLearningFreezesLayersInTheSavedModel() throws Exception {
        Path tl = tmp.resolve("transfer");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--epochs", "1", "--device", "cpu", "--out", tl.toString(),
                "--weights", run.toString(), "--freeze", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("transfer: copied 10 tensors"), r.out());
        JsonNode s = new ObjectMapper().readTree(CliRun.of("summary", "--model", tl.toString(), "--json").out());
        assertEquals(36928 + 650, s.get("trainable_params").asLong(), "only the two dense layers train");
        assertEquals(320 + 18496 + 36928, s.get("non_trainable_params").asLong());
        // The frozen first convolution kept the source's weights exactly.
        var source = io.github.convnet4j.persist.ModelFile.load(run.resolve("model.safetensors")).weights().get("conv2d_1/kernel").data();
        var tuned = io.github.convnet4j.persist.ModelFile.load(tl.resolve("model.safetensors")).weights().get("conv2d_1/kernel").data();
        assertTrue(java.util.Arrays.equals(source, tuned), "frozen kernel changed");
        var dense = io.github.convnet4j.persist.ModelFile.load(tl.resolve("model.safetensors")).weights().get("dense_2/kernel").data();
        var denseSource = io.github.convnet4j.persist.ModelFile.load(run.resolve("model.safetensors")).weights().get("dense_2/kernel").data();
        assertTrue(!java.util.Arrays.equals(dense, denseSource), "the trainable head must have been trained");
    }

    @Test
    void trainFromATrainedModelContinuesFromItsWeights() throws Exception {
        Path next = tmp.resolve("continued");
        // Freeze everything but the last layer: the frozen layers must hold the trained model's weights exactly.
        CliRun r = CliRun.of("train", "--model", run.toString(), "--data", data.toString(), "--epochs", "1", "--device", "cpu",
                "--out", next.toString(), "--freeze", "7");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("continuing from the trained weights of " + run.resolve("model.safetensors")
                + " (a new run: the optimizer starts fresh; --resume DIR continues a run exactly)"), r.out());
        var before = io.github.convnet4j.persist.ModelFile.load(run.resolve("model.safetensors")).weights();
        var after = io.github.convnet4j.persist.ModelFile.load(next.resolve("model.safetensors")).weights();
        assertTrue(java.util.Arrays.equals(before.get("conv2d_1/kernel").data(), after.get("conv2d_1/kernel").data()), "started fresh");
        assertTrue(!java.util.Arrays.equals(before.get("dense_2/kernel").data(), after.get("dense_2/kernel").data()), "the head trained");

        CliRun both = CliRun.of("train", "--model", run.toString(), "--weights", run.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(1, both.exitCode());
        assertTrue(both.errorLines().contains("brings trained weights and --weights"), both.err());
    }

    @Test
    void aSpecWithoutANameTrainsAsSequential() throws Exception {
        Path spec = Files.writeString(tmp.resolve("anon.yaml"), "input_shape: [1, 28, 28]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 10, activation: softmax}\n");
        Path out = tmp.resolve("anon-run");
        CliRun r = CliRun.of("train", "--model", spec.toString(), "--data", data.toString(), "--epochs", "1", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model: sequential, 7,850 parameters"), r.out());
        assertEquals("sequential", io.github.convnet4j.persist.ModelFile.load(out.resolve("model.safetensors")).spec().name());
    }

    @Test
    void trainsVggSmallOnCifarBinaryBatches() throws Exception {
        Path cifar = Files.createDirectories(tmp.resolve("cifar"));
        java.util.Random r = new java.util.Random(7);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            byte[] records = new byte[4 * 3073];
            r.nextBytes(records);
            for (int i = 0; i < 4; i++) records[i * 3073] = (byte) r.nextInt(10);
            Files.write(cifar.resolve(f), records);
        }
        List<String> classes = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        Files.write(cifar.resolve("batches.meta.txt"), classes);
        Path out = tmp.resolve("cifar-run");
        CliRun t = CliRun.of("train", "--model", "vgg-small", "--data", cifar.toString(), "--epochs", "1", "--batch-size", "8",
                "--device", "cpu", "--out", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().contains("data: " + cifar + ", 20 training samples"), t.out());
        assertEquals(classes, io.github.convnet4j.persist.ModelFile.load(out.resolve("model.safetensors")).spec().classNames());
        CliRun e = CliRun.of("evaluate", "--model", out.toString(), "--data", cifar.toString(), "--json", "--device", "cpu");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode matrix = new ObjectMapper().readTree(e.out()).get("confusion_matrix");
        assertEquals(10, matrix.size());
        long total = 0;
        for (JsonNode row : matrix) for (JsonNode c : row) total += c.asLong();
        assertEquals(4, total, "every test record counted once");
    }

    /** A copy of the shared run directory, for a test that changes it. */
    private static Path copyOfTheRun(String name) throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        Path copy = Files.createDirectories(tmp.resolve(name));
        try (var files = Files.list(run)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }

    private static Path names(List<String> names) throws Exception {
        Path f = Files.createTempFile(tmp, "names", ".txt");
        Files.write(f, names);
        return f;
    }
}
