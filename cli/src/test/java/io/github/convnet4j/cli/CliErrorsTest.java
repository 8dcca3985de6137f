package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summary output and the one-line errors that bad input gets. */
class CliErrorsTest {
    @TempDir Path tmp;

    @Test
    void summaryJsonReportsKerasMnistParameterCount() throws Exception {
        CliRun r = CliRun.of("summary", "--model", "keras-mnist", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(93322, json.get("total_params").asLong());
        assertEquals(8, json.get("layers").size());
        assertEquals(650, json.get("layers").get(7).get("params").asLong());
        assertEquals("[26,26,32]".length(), json.get("layers").get(0).get("output_shape").toString().length());
    }

    @Test
    void corruptIdxFileIsOneLineErrorNamingTheFile() throws Exception {
        writeValidLabels(tmp.resolve("train-labels-idx1-ubyte.gz"));
        writeValidLabels(tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2});
        // A gzip header followed by garbage.
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 42, 42, 42});
        CliRun r = CliRun.of("train", "--data", tmp.toString(), "--epochs", "1", "--out", tmp.resolve("run").toString(), "--device", "cpu");
        assertNotEquals(0, r.exitCode());
        String[] lines = r.errorLines().strip().split("\n");
        assertEquals(1, lines.length, "exactly one line: " + r.err());
        assertTrue(lines[0].startsWith("convnet: error: "), r.err());
        assertTrue(lines[0].contains("train-images-idx3-ubyte.gz"), lines[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        assertFalse(Files.exists(tmp.resolve("run").resolve("model.safetensors")));
    }

    @Test
    void classNamesThatDoNotFitTheOutputAreOneLineBeforeTraining() throws Exception {
        Path names = tmp.resolve("nine.txt");
        Files.write(names, java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        Path out = tmp.resolve("named-run");
        CliRun r = CliRun.of("train", "--class-names", names.toString(), "--epochs", "1", "--limit", "10", "--out", out.toString(), "--device", "cpu");
        assertEquals(1, r.exitCode());
        assertEquals("convnet: error: --class-names " + names + ": class_names has 9 names but the model outputs 10 values per sample",
                r.errorLines().strip());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void unknownDeviceNamesTheChoices() {
        CliRun r = CliRun.of("train", "--device", "tpu", "--epochs", "1", "--limit", "10", "--out", tmp.resolve("r").toString());
        assertEquals(2, r.exitCode(), "an unknown device is a usage error (issue 9)");
        assertTrue(r.errorLines().contains("unknown device 'tpu'"), r.err());
        assertTrue(r.errorLines().contains("cpu"), r.err());
    }

    @Test
    void badModelSpecIsOneLineNamingFileAndKey() throws Exception {
        Path spec = tmp.resolve("net.json");
        Files.writeString(spec, "{\"input_shape\":[1,28,28],\"layers\":[{\"type\":\"Dense\",\"unit\":10}]}");
        CliRun r = CliRun.of("summary", "--model", spec.toString());
        assertEquals(1, r.exitCode());
        String first = r.errorLines().lines().findFirst().orElse("");
        assertTrue(first.contains("net.json") && first.contains("unit"), first);
    }

    @Test
    void shapeMismatchNamesTheLayerBeforeTraining() throws Exception {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, "input_shape: [1, 4, 4]\nlayers:\n  - {type: Conv2D, filters: 8, kernel_size: 5}\n  - {type: Flatten}\n  - {type: Dense, units: 10, activation: softmax}\n");
        CliRun r = CliRun.of("summary", "--model", spec.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLines().contains("conv2d_1"), r.err());
    }

    @Test
    void missingModelFileAndPresetWithoutWeights() {
        CliRun missing = CliRun.of("evaluate", "--model", tmp.resolve("nope.safetensors").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.errorLines().contains("nope.safetensors"), missing.err());
        CliRun preset = CliRun.of("evaluate", "--model", "keras-mnist");
        assertEquals(1, preset.exitCode());
        assertTrue(preset.errorLines().contains("no trained weights"), preset.err());
    }

    @Test
    void devicesListsEveryBackendWithAReason() {
        CliRun r = CliRun.of("devices");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cpu") && l.contains("available")), r.out());
        assertTrue(r.out().contains("--device auto picks:"), r.out());
    }

    private static void writeValidLabels(Path file) throws Exception {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 3});
        }
    }
}
