package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's done-when: under {@code -Xmx256m} every hostile input gets one stderr line
 * ({@code convnet: error: ...}) naming the file, key, layer or batch, exit code 1 (usage errors 2,
 * with one "see ... --help" line), within 10 s, never a stack trace or an {@code OutOfMemoryError};
 * an 8192 × 8192 PNG is classified. The cases run in one child JVM ({@link HostileInputs}).
 */
class HostileInputsTest {
    @TempDir Path dir;

    /** name -> {exit code, a fragment the error line must contain}; exit 0 means it must succeed. */
    private static final Map<String, Object[]> EXPECTED = new LinkedHashMap<>();

    static {
        expect("gzip-bomb", 1, "reading train-images-idx3-ubyte.gz (1024 x 1024 x 1024 bytes) needs ");
        expect("gzip-trailing", 1, "train-images-idx3-ubyte.gz: unexpected data after the end of the gzip stream");
        expect("label-200", 1, "train-labels-idx1-ubyte.gz: label 200 (at index 0) implies 201 classes");
        expect("dense-300000", 1, "dense300000.safetensors: missing tensor dense_1/kernel (300000, 784)");
        expect("dense-1300000", 1, "dense1300000.safetensors: missing tensor dense_1/kernel (1300000, 784)");
        expect("batch-1e9", 1, "with batches of 1000000000 needs ");
        expect("filters-2^31", 1, "layer conv2d_1 (Conv2D): parameter kernel (2147483647, 1, 3, 3) has 19327352823 values");
        expect("filters-2^64-json", 1, "big.json: layer 0: key 'filters': integer 18446744073709551620 is out of range");
        expect("filters-2^64-yaml", 1, "big.yaml: layer 0: key 'filters': integer 18446744073709551620 is out of range");
        expect("dilation-2^31", 1, "layer conv2d_1 (Conv2D): input (1, 28, 28) is smaller than the 3×3 kernel with dilation 2147483647×2147483647");
        expect("padding-2^31", 1, "layer conv2d_1 (Conv2D): input (1, 28, 28) with padding 2147483647");
        expect("second-yaml-doc", 1, "two.yaml: unexpected content after the first YAML document");
        expect("spec-dev-zero", 1, "zero.yaml: is not a regular file");
        expect("class-names-dev-zero", 1, "zero.txt: is not a regular file");
        expect("spec-fifo", 1, "fifo.yaml: is not a regular file");
        expect("spec-bad-utf8", 1, "bad.yaml: invalid UTF-8 at byte 7 (0xe9)");
        expect("spec-16mb", 1, "huge.yaml: 16777");
        expect("nan-weights", 1, "nan.safetensors: tensor dense_1/kernel holds NaN at index 3");
        expect("header-90mb", 1, "header.safetensors: header length 94371840 is out of range");
        expect("png-8192", 0, "huge.png:");
        expect("png-8192-rgb", 0, "huge-rgb.png:");
        expect("count-0", 2, "Invalid value for option '--count': '0' must be an integer >= 1");
        expect("count--1", 2, "Invalid value for option '--count': '-1' must be an integer >= 1");
        expect("device-tpu", 2, "Invalid value for option '--device': unknown device 'tpu'");
        expect("epochs-abc", 2, "Invalid value for option '--epochs': 'abc' is not an integer");
        expect("tiny-run", 0, "model saved");
        expect("checkpoint-limit-abc", 1, "checkpoint.safetensors: train_config extra.limit 'abc' is not a positive integer");
    }

    private static void expect(String name, int code, String fragment) { EXPECTED.put(name, new Object[] {code, fragment}); }

    @Test
    void everyHostileInputIsOneLineWithinTenSecondsInA256MegabyteHeap() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                HostileInputs.class.getName(), fixtures.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(dir.resolve("results.tsv").toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertTrue(done, "the child JVM finished within 300 s");
        assertEquals(0, p.exitValue(), "the harness itself ran to the end");

        Map<String, String[]> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("results.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f.length == 4) results.put(f[0], f);
        }
        List<String> missing = new ArrayList<>(EXPECTED.keySet());
        missing.removeAll(results.keySet());
        missing.removeIf(n -> n.contains("dev-zero") && !Files.exists(Path.of("/dev/zero")) || n.equals("spec-fifo") && !fifoSupported());
        assertTrue(missing.isEmpty(), "cases that did not run: " + missing);

        for (Map.Entry<String, String[]> e : results.entrySet()) {
            String name = e.getKey();
            int code = Integer.parseInt(e.getValue()[1]);
            long ms = Long.parseLong(e.getValue()[2]);
            String err = new String(Base64.getDecoder().decode(e.getValue()[3]), StandardCharsets.UTF_8);
            Object[] want = EXPECTED.get(name);
            List<String> lines = err.lines().filter(l -> !l.startsWith("device: ") && !l.startsWith("WARNING:") && !l.isBlank()).toList();
            String what = name + " (exit " + code + ", " + ms + " ms): " + err;
            assertFalse(err.contains("\tat ") || err.contains("OutOfMemoryError") || err.contains("Exception"), "no stack trace: " + what);
            assertEquals((int) want[0], code, what);
            assertTrue(ms < 10_000, "within 10 s: " + what);
            if (code == 0) continue;
            assertEquals(code == 2 ? 2 : 1, lines.size(), "one error line (plus the help hint for usage errors): " + what);
            assertTrue(lines.get(0).startsWith("convnet: error: "), what);
            assertTrue(lines.get(0).contains((String) want[1]), "names the file, key, layer or batch: " + what);
            if (code == 2) assertTrue(lines.get(1).matches("see 'convnet [a-z]+ --help'"), what);
        }
    }

    private static boolean fifoSupported() { return new File("/usr/bin/mkfifo").canExecute() || new File("/bin/mkfifo").canExecute(); }
}
