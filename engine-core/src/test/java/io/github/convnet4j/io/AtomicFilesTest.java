package io.github.convnet4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileSystems;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Atomic writes. Mutants left alive on purpose (mutation testing): the removed {@code force} calls on
 * the file and its directory; they make the rename durable across a power loss, which no test here can cause.
 */
class AtomicFilesTest {
    @TempDir Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) { return s.sorted().toList(); }
    }

    @Test
    void writesNewFileAndReplacesExisting() throws IOException {
        Path target = dir.resolve("model.safetensors");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target));
        AtomicFiles.write(target, out -> {
            out.write("second, longer".getBytes(StandardCharsets.UTF_8));
            out.close(); // a body that closes its stream must not break the flush/fsync that follows
        });
        assertEquals("second, longer", Files.readString(target));
        assertEquals(List.of(target), listing(), "no temporary file left behind");
    }

    @Test
    void failingBodyLeavesPreviousFileByteIdenticalAndNoTempFile() throws IOException {
        Path target = dir.resolve("checkpoint.bin");
        byte[] original = new byte[100_000];
        for (int i = 0; i < original.length; i++) original[i] = (byte) (i * 31);
        Files.write(target, original);

        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[70_000]); // more than the buffer, so part of it reaches the temp file
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void runtimeExceptionAlsoCleansUp() throws IOException {
        Path target = dir.resolve("fresh.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing());
    }

    @Test
    void missingDirectoryIsAClearError() {
        Path target = dir.resolve("no-such-dir").resolve("x.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains("parent directory does not exist"), e.getMessage());
    }

    @Test
    void theFileModeFollowsTheUmaskLikeAnyOtherToolsOutput() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX file modes");
        // A file created plainly gets 0666 minus the umask; that is what the output must get.
        Path plain = Files.createFile(dir.resolve("plain"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assumeTrue(!expected.equals(PosixFilePermissions.fromString("rw-------")),
                "the umask is 077, so a 0600 file cannot be told from one that ignores the umask");
        Path target = dir.resolve("history.csv");
        AtomicFiles.write(target, out -> out.write(1));
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        AtomicFiles.write(target, out -> out.write(2));
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "a replaced file too");
    }

    @Test
    void safeComponentsStayInTheirDirectory() {
        assertEquals("_.._ESCAPED", FileNames.safeComponent("../../ESCAPED", "model"));
        assertEquals("model", FileNames.safeComponent("..", "model"));
        assertEquals("model", FileNames.safeComponent(null, "model"));
        assertEquals("a_b_c", FileNames.safeComponent("a/b\\c", "model"));
        assertEquals("keras-mnist", FileNames.safeComponent("keras-mnist", "model"));
        assertEquals(FileNames.MAX_LENGTH, FileNames.safeComponent("x".repeat(500), "model").length());
        for (String hostile : new String[] {"../../ESCAPED", "/etc/passwd", "a/../../b", ".hidden", "\u0000x", "..\\..\\x"}) {
            Path base = Path.of("runs");
            Path p = base.resolve(FileNames.safeComponent(hostile, "model")).normalize();
            assertEquals(base, p.getParent(), hostile + " -> " + p);
            assertFalse(p.getFileName().toString().startsWith("."), hostile + " -> " + p);
        }
    }
}
