package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java runtime without {@code java.desktop} (a jlink'ed server runtime; the same path as a server
 * without fonts) trains to the end: {@code curves.png} is the only file missing, said once on
 * stderr in one line, and every other file of the run is written. A child JVM with
 * {@code --limit-modules} stands in for that runtime.
 */
class ChartlessRuntimeTest {
    @TempDir Path dir;

    @Test
    void aRuntimeWithoutJavaDesktopTrainsWithoutTheChartAndSaysSoOnce() throws Exception {
        Path model = Files.writeString(dir.resolve("dense.yaml"),
                "input_shape: [1, 28, 28]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 10, activation: softmax}\n");
        Path run = dir.resolve("run");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", "java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector,java.xml,java.sql,jdk.zipfs",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--model", model.toString(), "--epochs", "2", "--limit", "256", "--device", "cpu", "--out", run.toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String out = Files.readString(dir.resolve("out.txt")), err = Files.readString(dir.resolve("err.txt"));
        assertTrue(done, "finished within 120 s: " + out + err);
        assertEquals(0, p.exitValue(), out + err);

        List<String> warnings = err.lines().filter(l -> l.startsWith("convnet: warning:")).toList();
        assertEquals(1, warnings.size(), err);
        String expected = "convnet: warning: " + run.resolve("curves.png") + " not written (NoClassDefFoundError: java/awt/";
        assertTrue(warnings.get(0).startsWith(expected) && warnings.get(0).endsWith("); the numbers are in history.csv"), err);
        assertFalse(err.contains("convnet: error"), err);
        assertFalse(Files.exists(run.resolve("curves.png")));
        assertEquals(3, Files.readAllLines(run.resolve("history.csv")).size(), "header and two epochs");
        for (String f : List.of("history.json", "checkpoint.safetensors", "model.safetensors", "test-metrics.json")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        assertTrue(out.contains("test: loss"), out);
    }
}
