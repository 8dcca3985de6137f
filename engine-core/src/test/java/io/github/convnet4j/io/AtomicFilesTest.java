package io.github.convnet4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

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
}
