package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run directory's lock within one JVM. (Another process holding it: {@code RunDirectoryTest}
 * in engine-cpu-fallback, with a child JVM.)
 *
 * <p>Mutants left alone, none of which this JVM can observe: the holder line's {@code force} (only
 * durability after a crash); {@code lock.release()} in {@code close} (closing the channel releases
 * the lock too); the in-JVM check before opening the file and closing the channel of a refused
 * attempt (both guard the OS lock against another process; without the first a refusal still
 * names the holder, read back from the file).
 */
class RunLockTest {
    @TempDir Path dir;

    @Test void heldUntilClosedThenFreeAgain() throws IOException {
        RunLock first = RunLock.acquire(dir);
        String holder = Files.readString(dir.resolve(RunLock.FILE_NAME));
        assertTrue(holder.startsWith("pid " + ProcessHandle.current().pid() + " since "), holder);
        IOException e = assertThrows(IOException.class, () -> RunLock.acquire(dir));
        assertEquals(dir + ": another training run is writing into this directory (" + holder + "); wait for it to finish or choose another --out",
                e.getMessage());
        first.close();
        RunLock.acquire(dir).close();
    }

    /** A run that ends leaves no open descriptor behind: a long-lived process (a server, a test JVM) trains many runs. */
    @Test void closingReleasesTheFileDescriptor() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux) to count open files");
        Path lockFile = dir.resolve(RunLock.FILE_NAME);
        for (int i = 0; i < 3; i++) RunLock.acquire(dir).close();
        assertEquals(0, openDescriptorsOf(fds, lockFile));
        try (RunLock held = RunLock.acquire(dir)) {
            assertEquals(1, openDescriptorsOf(fds, lockFile));
        }
        assertEquals(0, openDescriptorsOf(fds, lockFile));
    }

    private static long openDescriptorsOf(Path fds, Path file) throws IOException {
        Path real = file.toRealPath();
        try (Stream<Path> list = Files.list(fds)) {
            return list.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile (the listing's own descriptor) or not a link
                }
            }).count();
        }
    }
}
