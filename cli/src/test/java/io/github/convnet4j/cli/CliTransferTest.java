package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfer learning from the command line, as the course shows it: train on Fashion-MNIST classes
 * 0-4, cut at a named layer, new 5-class head on classes 5-9 with the base frozen, then unfreeze;
 * and the features of a layer written for use elsewhere. The base model both tests start from is
 * trained once, in {@code @BeforeAll}, so that each test also runs alone.
 */
class CliTransferTest {
    @TempDir static Path tmp;
    static CliRun base;

    private static final String BASE = """
            name: small
            input_shape: [1, 28, 28]
            layers:
              - {name: conv, type: Conv2D, filters: 4, kernel_size: 3, activation: relu}
              - {name: pool, type: MaxPooling2D, pool_size: 4}
              - {name: flat, type: Flatten}
              - {name: features, type: Dense, units: 16, activation: relu}
              - {name: out, type: Dense, units: 5, activation: softmax}
            """;

    private static CliRun train(String model, String classes, Path out, String... more) {
        String[] base = {"train", "--model", model, "--data", "fashion-mnist:classes=" + classes, "--limit", "256", "--epochs", "1",
                "--batch-size", "32", "--device", "cpu", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @BeforeAll
    static void trainTheBase() throws Exception {
        Files.writeString(tmp.resolve("base.yaml"), BASE);
        base = train(tmp.resolve("base.yaml").toString(), "0-4", tmp.resolve("base"));
    }

    @Test
    void cutFreezeTrainTheHeadThenUnfreeze() throws Exception {
        assertEquals(0, base.exitCode(), base.err());

        Path headSpec = tmp.resolve("head.yaml");
        CliRun cut = CliRun.of("transfer", "--model", tmp.resolve("base").toString(), "--cut-at", "features", "--classes", "5",
                "--out", headSpec.toString());
        assertEquals(0, cut.exitCode(), cut.err());
        ModelSpec spec = ModelSpec.read(headSpec);
        assertEquals(java.util.List.of("conv", "pool", "flat", "features", "head"), spec.layers().stream().map(LayerSpec::name).toList());
        assertEquals(false, spec.layers().get(0).config().get("trainable"));
        assertFalse(spec.layers().get(4).config().containsKey("trainable"), "the new head trains");
        assertEquals("head", spec.output());

        CliRun head = train(headSpec.toString(), "5-9", tmp.resolve("head"), "--weights", tmp.resolve("base").toString());
        assertEquals(0, head.exitCode(), head.err());
        LoadedModel before = ModelFile.load(tmp.resolve("base").resolve("model.safetensors"));
        LoadedModel after = ModelFile.load(tmp.resolve("head").resolve("model.safetensors"));
        for (String frozen : new String[] {"conv/kernel", "conv/bias", "features/kernel", "features/bias"}) {
            assertArrayEquals(before.weights().get(frozen).data(), after.weights().get(frozen).data(), frozen + " stays as trained");
        }
        assertEquals(5, after.weights().get("head/kernel").shape().dim(0));

        Path fineSpec = tmp.resolve("finetune.json");
        CliRun unfreeze = CliRun.of("transfer", "--model", tmp.resolve("head").toString(), "--unfreeze", "--out", fineSpec.toString());
        assertEquals(0, unfreeze.exitCode(), unfreeze.err());
        assertTrue(ModelSpec.read(fineSpec).layers().stream().allMatch(l -> Boolean.TRUE.equals(l.config().get("trainable"))));
        CliRun fine = train(fineSpec.toString(), "5-9", tmp.resolve("fine"), "--weights", tmp.resolve("head").toString(), "--lr", "1e-4");
        assertEquals(0, fine.exitCode(), fine.err());
        HostTensor tuned = ModelFile.load(tmp.resolve("fine").resolve("model.safetensors")).weights().get("conv/kernel");
        assertFalse(java.util.Arrays.equals(after.weights().get("conv/kernel").data(), tuned.data()), "fine-tuning moves the base");
    }

    @Test
    void featuresOfANamedLayerAreWrittenWithTheLabels() throws Exception {
        assertEquals(0, base.exitCode(), base.err());
        Path out = tmp.resolve("features.safetensors");
        CliRun r = CliRun.of("features", "--model", tmp.resolve("base").toString(), "--layer", "pool", "--data", "fashion-mnist:classes=0-4",
                "--limit", "50", "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        SafeTensorsFile f = SafeTensors.read(out);
        assertEquals(io.github.convnet4j.tensor.Shape.of(50, 4 * 6 * 6), f.tensors().get("features").shape());
        assertEquals(io.github.convnet4j.tensor.Shape.of(50), f.tensors().get("labels").shape());
        for (float label : f.tensors().get("labels").data()) assertTrue(label >= 0 && label <= 4);
        CliRun bad = CliRun.of("features", "--model", tmp.resolve("base").toString(), "--layer", "nope", "--out", out.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.errorLines().contains("no layer named 'nope'"), bad.err());
    }
}
