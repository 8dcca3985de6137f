package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convnet export}, {@code convnet import} and {@code train --weights} with a PyTorch state_dict, end to end. */
class ModelExchangeCliTest {
    /** Written by test-data/scripts/make_torch_models.py; PyTorch classifies 8120/10000 test images with it. */
    private static final Path TORCH = Path.of("..", "model-exchange", "src", "test", "resources", "torch");

    @TempDir Path tmp;

    @Test
    void aPytorchStateDictFineTunesWithWeights() throws Exception {
        Path state = TORCH.resolve("keras_mnist.safetensors");
        assumeTrue(Files.isRegularFile(state), state.toAbsolutePath() + " is not there (run from the cli module)");
        Path run = tmp.resolve("run"), data = Files.createDirectories(tmp.resolve("data"));
        MnistFormat.TrainTest full = MnistFormat.load(n -> BundledData.open("fashion-mnist", n), "fashion-mnist");
        TestIdx.write(full.train().subset(512), data, "train");
        TestIdx.write(full.test().subset(1000), data, "t10k");
        // A small learning rate on 512 samples: the run starts from PyTorch's 81% and stays near it
        // (81.5% on all 10,000 test images); from a fresh initialization the same run ends at 16.5%.
        CliRun r = CliRun.of("train", "--model", "keras-mnist", "--data", data.toString(), "--weights", state.toString(), "--epochs", "1",
                "--optimizer", "adam", "--lr", "0.0001", "--device", "cpu", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("weights: 10 tensors from " + state + " matched, 0 converted, 0 skipped"), r.out());
        assertTrue(r.out().contains("matched   conv2d_1/kernel <- features.0.weight"), r.out());
        double accuracy = new ObjectMapper().readTree(run.resolve("test-metrics.json").toFile()).get("accuracy").asDouble();
        assertTrue(accuracy >= 0.75, "accuracy on the first 1000 test images after fine-tuning from PyTorch's weights (0.812 on all): " + accuracy);
    }

    @Test
    void exportThenImportAndRefusals() throws Exception {
        Path onnx = tmp.resolve("lenet5.onnx"), back = tmp.resolve("lenet5.safetensors");
        CliRun e = CliRun.of("export", "--model", "lenet5", "--out", onnx.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.err().contains("note: lenet5 has no trained weights; exporting an initialization (seed 42)"), e.err());
        CliRun i = CliRun.of("import", onnx.toString(), "--out", back.toString());
        assertEquals(0, i.exitCode(), i.err());
        assertTrue(i.out().contains("imported " + onnx + ": 13 layers, 61,706 parameters"), i.out());
        CliRun t = CliRun.of("export", "--model", back.toString(), "--format", "safetensors-torch", "--out", tmp.resolve("t.safetensors").toString());
        assertEquals(0, t.exitCode(), t.err());

        Path resnet = tmp.resolve("resnet.onnx");
        assertEquals(0, CliRun.of("export", "--model", "resnet-small", "--out", resnet.toString()).exitCode());
        CliRun refused = CliRun.of("import", resnet.toString(), "--out", tmp.resolve("r.safetensors").toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().startsWith("convnet: error: " + resnet + ": node residual_block_1/add (Add): operator Add is not supported"), refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(!Files.exists(tmp.resolve("r.safetensors")), "nothing written on refusal");

        CliRun bad = CliRun.of("export", "--model", "lenet5", "--format", "tflite", "--out", tmp.resolve("x").toString());
        assertEquals(1, bad.exitCode());
        assertEquals("convnet: error: --format tflite: choose onnx or safetensors-torch", bad.err().strip());
    }
}
