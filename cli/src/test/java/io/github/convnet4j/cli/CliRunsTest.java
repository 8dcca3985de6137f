package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.ImageWriter;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rough edges a new user hit: predict on binary models and 3-channel IDX, suggestions, failed starts, visualize at ResNet size. */
class CliRunsTest {
    @TempDir Path tmp;

    /** A model file of {@code spec} with its initial weights, biases of its last layer set to {@code bias}. */
    private Path savedModel(String name, String specText, float bias) throws Exception {
        ModelSpec spec = ModelSpec.parse(specText, name + ".yaml");
        Path file = tmp.resolve(name + ".safetensors");
        try (Backend backend = new CpuBackendProvider().open(""); Model m = Model.of(spec)) {
            m.build(backend, DType.F32, 1);
            if (!Float.isNaN(bias)) {
                for (Parameter p : m.parameters()) {
                    float[] v = new float[Math.toIntExact(p.value().size())];
                    if (p.name().endsWith("/bias")) Arrays.fill(v, bias);
                    backend.upload(v, 0, p.value()); // zero kernels: the output is the bias alone
                }
            }
            ModelFile.save(m, file);
        }
        return file;
    }

    private Path png(String name, int size) throws Exception {
        Path f = tmp.resolve(name);
        ImageIO.write(new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY), "png", f.toFile());
        return f;
    }

    private static final String BINARY = "name: binary\ninput_shape: [1, 28, 28]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 1, activation: sigmoid}\n";

    @Test void predictOnABinaryModelPrintsTheLikelierClassWithItsProbability() throws Exception {
        double p = 1 / (1 + Math.exp(-5));
        Path image = png("x.png", 28);
        Path positive = savedModel("positive", BINARY, 5f), negative = savedModel("negative", BINARY, -5f);
        CliRun r = CliRun.of("predict", "--model", positive.toString(), "--input", image.toString(), "--top-k", "1", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(String.format("1. class 1 %.4f", p)), r.out());
        r = CliRun.of("predict", "--model", negative.toString(), "--input", image.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(String.format("1. class 0 %.4f  2. class 1 %.4f", p, 1 - p)), r.out());

        Path names = Files.write(tmp.resolve("names.txt"), List.of("cat", "dog"));
        r = CliRun.of("predict", "--model", positive.toString(), "--input", image.toString(), "--class-names", names.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(String.format("1. dog %.4f  2. cat %.4f", p, 1 - p)), r.out());
        // Two names are accepted in the spec of a single-output model too.
        Path spec = Files.writeString(tmp.resolve("named.yaml"), BINARY + "class_names: [cat, dog]\n");
        CliRun s = CliRun.of("summary", "--model", spec.toString(), "--json");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("\"dog\""), s.out());
    }

    @Test void predictReadsThreeChannelIdxAndNamesADirectory() throws Exception {
        Path model = savedModel("rgb", "input_shape: [3, 4, 4]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 2, activation: softmax}\n", Float.NaN);
        Path idx = tmp.resolve("images-idx4-ubyte");
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(idx))) {
            o.writeInt(0x804); o.writeInt(3); o.writeInt(3); o.writeInt(4); o.writeInt(4);
            for (int i = 0; i < 3 * 48; i++) o.writeByte(i);
        }
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", idx.toString(), "--count", "2", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith(idx + "#")).count(), r.out());

        CliRun dir = CliRun.of("predict", "--model", model.toString(), "--input", tmp.toString(), "--device", "cpu");
        assertEquals(1, dir.exitCode());
        assertEquals("convnet: error: " + tmp + ": is a directory; --input takes image files (.png, .jpg) or IDX image files",
                dir.errorLines().strip());
    }

    @Test void unknownNamesGetASuggestionAndMissingPathsSayTheyDoNotExist() {
        CliRun preset = CliRun.of("summary", "--model", "kera-mnist");
        assertEquals(1, preset.exitCode());
        assertTrue(preset.errorLines().contains("is not a preset (did you mean 'keras-mnist'?)"), preset.err());
        Path out = tmp.resolve("never");
        CliRun data = CliRun.of("train", "--data", "fashion-mnst", "--out", out.toString(), "--device", "cpu");
        assertEquals(1, data.exitCode());
        assertTrue(data.errorLines().contains("is not a bundled dataset (did you mean 'fashion-mnist'?)"), data.err());
        assertFalse(Files.exists(out), "a failed start leaves no run directory");
        Path missing = tmp.resolve("nets/absent.yaml");
        CliRun file = CliRun.of("summary", "--model", missing.toString());
        assertEquals("convnet: error: model '" + missing + "': " + missing + " does not exist", file.errorLines().strip());
        CliRun dataDir = CliRun.of("evaluate", "--model", "keras-mnist", "--data", tmp.resolve("nowhere/").toString());
        assertEquals(1, dataDir.exitCode());
    }

    @Test void kerasChannelsLastInputShapeSaysTheOrder() throws Exception {
        Path spec = Files.writeString(tmp.resolve("keras.yaml"),
                "input_shape: [28, 28, 1]\nlayers:\n  - {type: Conv2D, filters: 8, kernel_size: 3}\n  - {type: Flatten}\n  - {type: Dense, units: 10}\n");
        CliRun r = CliRun.of("summary", "--model", spec.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLines().contains("input_shape is [channels, height, width], and [28, 28, 1] looks like Keras's channels-last order: did you mean [1, 28, 28]?"),
                r.err());
    }

    @Test void aFailedStartOrABadOutLeavesNothingAndSaysWhy() throws Exception {
        // Three outputs on ten-class data: refused by the trainer, after the run directory was made.
        Path spec = Files.writeString(tmp.resolve("three.yaml"), "input_shape: [1, 28, 28]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 3, activation: softmax}\n");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--model", spec.toString(), "--limit", "10", "--epochs", "1", "--out", out.toString(), "--device", "cpu");
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLines().contains("the model outputs 3 values per sample but the data has 10 classes"), r.err());
        assertFalse(Files.exists(out), "a failed start left " + out);

        Path file = Files.writeString(tmp.resolve("file"), "x");
        CliRun onFile = CliRun.of("train", "--limit", "10", "--epochs", "1", "--out", file.toString(), "--device", "cpu");
        assertEquals("convnet: error: " + file + ": exists and is not a directory; a run needs a new or empty directory for its checkpoint, history and model",
                onFile.errorLines().strip());
    }

    /** ResNet-18's widest convolution (512 x 512 x 3 x 3) on a 224 x 224 input; large strides keep it fast. */
    @Test void visualizeAResNet18SizeModelAt224GivesUsablePictures() throws Exception {
        Path model = savedModel("wide", "input_shape: [3, 224, 224]\nlayers:\n"
                + "  - {type: Conv2D, filters: 64, kernel_size: 7, strides: 2, padding: same}\n"
                + "  - {type: Conv2D, filters: 512, kernel_size: 3, strides: 8}\n"
                + "  - {type: Conv2D, filters: 512, kernel_size: 3, strides: 4}\n"
                + "  - {type: GlobalAveragePooling2D}\n  - {type: Dense, units: 10, activation: softmax}\n", Float.NaN);
        Path out = tmp.resolve("viz");
        CliRun r = CliRun.of("visualize", "--model", model.toString(), "--input", png("in.png", 224).toString(), "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("filters-conv2d_3.png: first 163 of 512 filters, first 163 of 512 input channels"), r.out());
        for (String f : new String[] {"filters-conv2d_1.png", "filters-conv2d_2.png", "filters-conv2d_3.png", "features-conv2d_1.png",
                "features-conv2d_3.png", "saliency.png", "input.png"}) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertTrue(img.getWidth() <= ImageWriter.MAX_SIDE && img.getHeight() <= ImageWriter.MAX_SIDE, f + " " + img.getWidth() + "x" + img.getHeight());
        }
        // Usable: every map or kernel drawn at least pixel for pixel.
        assertTrue(ImageIO.read(out.resolve("filters-conv2d_3.png").toFile()).getWidth() >= 163 * 3 * 8);
        assertTrue(ImageIO.read(out.resolve("features-conv2d_1.png").toFile()).getWidth() >= 8 * 112);
        assertTrue(ImageIO.read(out.resolve("saliency.png").toFile()).getWidth() >= 224);
        // A failure after the filters were rendered (a corrupt input) writes nothing at all.
        Path corrupt = Files.write(tmp.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path none = tmp.resolve("viz-none");
        CliRun bad = CliRun.of("visualize", "--model", model.toString(), "--input", corrupt.toString(), "--out", none.toString(), "--device", "cpu");
        assertEquals(1, bad.exitCode());
        assertFalse(Files.exists(none), "half-written output left in " + none);
    }
}
