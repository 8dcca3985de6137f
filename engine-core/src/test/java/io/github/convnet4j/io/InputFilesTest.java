package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convnet4j.data.ClassNameFile;
import io.github.convnet4j.model.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input file goes through {@link InputFiles}: devices, FIFOs, oversized and non-UTF-8 files are
 * refused in a moment. Mutants left alive on purpose (mutation testing): a larger output buffer in
 * {@code utf8}, skipping the UTF-8 decoder's flush (it holds no state at the end) and the overflow
 * check (at most one char per byte).
 */
class InputFilesTest {
    @TempDir Path dir;

    @Test
    void aSymlinkToDevZeroIsRefusedBeforeReading() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        Path spec = Files.createSymbolicLink(dir.resolve("x.yaml"), Path.of("/dev/zero"));
        Path names = Files.createSymbolicLink(dir.resolve("names.txt"), Path.of("/dev/zero"));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            IOException e = assertThrows(IOException.class, () -> ModelSpec.read(spec));
            assertEquals(spec + ": is not a regular file (a device, FIFO or socket); a model spec must be a regular file", e.getMessage());
            IOException n = assertThrows(IOException.class, () -> ClassNameFile.read(names, 1 << 20));
            assertTrue(n.getMessage().startsWith(names + ": is not a regular file"), n.getMessage());
        });
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("spec.json");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(mk.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            IOException e = assertThrows(IOException.class, () -> ModelSpec.read(fifo));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        });
    }

    @Test
    void readsNoMoreThanTheCap() throws IOException {
        Path f = Files.write(dir.resolve("big.txt"), new byte[1001]);
        IOException e = assertThrows(IOException.class, () -> InputFiles.readBounded(f, 1000, "a test file"));
        assertEquals(f + ": 1001 bytes is larger than the 1000-byte limit for a test file", e.getMessage());
        assertEquals(1000, InputFiles.readBounded(Files.write(dir.resolve("ok.txt"), new byte[1000]), 1000, "a test file").length);
    }

    @Test
    void badUtf8NamesTheFileAndTheByteOffset() throws IOException {
        Path spec = Files.write(dir.resolve("bad.yaml"), "name: s\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> ModelSpec.read(spec));
        assertEquals(spec + ": invalid UTF-8 at byte 7 (0xe9)", e.getMessage());

        Path names = Files.write(dir.resolve("names.txt"), new byte[] {'a', '\n', 'b', (byte) 0xC3, '(', '\n'});
        IOException n = assertThrows(IOException.class, () -> ClassNameFile.read(names, 100));
        assertEquals(names + ": invalid UTF-8 at byte 3 (0xc3)", n.getMessage());
    }

    @Test
    void validUtf8AndAByteOrderMarkDecode() throws IOException {
        byte[] text = "\uFEFFT-shirt/top\nBag \u00e9\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("T-shirt/top\nBag \u00e9\n", InputFiles.utf8(text, "x"));
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("nope.yaml");
        IOException e = assertThrows(IOException.class, () -> ModelSpec.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aByteOrderMarkAloneIsAnEmptyText() throws IOException {
        assertEquals("", InputFiles.utf8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "x"));
        assertEquals("", InputFiles.utf8(new byte[0], "x"));
        assertEquals("ab", InputFiles.utf8(new byte[] {'a', 'b'}, "x"), "two bytes are too short for a mark");
    }

    @Test
    void aFileLongerThanItsReportedSizeIsStillCappedWhileReading() throws IOException {
        // Linux reports procfs files as 0 bytes long; their content is generated when read.
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status), "needs Linux procfs");
        assumeTrue(Files.size(status) == 0, "needs a file that reports 0 bytes");
        IOException e = assertThrows(IOException.class, () -> InputFiles.readBounded(status, 16, "a status file"));
        assertEquals(status + ": more than 16 bytes is larger than the 16-byte limit for a status file", e.getMessage());
        assertTrue(InputFiles.readBounded(status, 1 << 20, "a status file").length > 16, "the whole file fits the larger limit");
    }
}
