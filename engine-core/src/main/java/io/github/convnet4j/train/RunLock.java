package io.github.convnet4j.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a run directory, held while a run writes into it: an OS file lock on
 * {@code <dir>/.lock}, which the OS releases when the process dies, so a killed run never leaves a
 * stale lock. The holder writes {@code pid <pid> since <time>} into the file so that a refused
 * second run can name it. The file itself stays (deleting it would let a third process lock a
 * different inode than a waiting second one).
 */
final class RunLock implements AutoCloseable {
    /** The lock file's name inside the run directory. */
    static final String FILE_NAME = ".lock";
    private static final int MAX_HOLDER_BYTES = 256;

    /**
     * Directories this JVM holds, with their holder line. Checked before any channel is opened:
     * POSIX drops all of a process's locks on a file when any of its descriptors for that file is
     * closed, so a refused second attempt from this JVM must not open (and close) the lock file.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code dir} (which must exist) without waiting.
     *
     * @throws IOException one line naming the directory and the holder when another run has it
     */
    static RunLock acquire(Path dir) throws IOException {
        Path key = dir.toRealPath();
        String me = "pid " + ProcessHandle.current().pid() + " since " + Instant.now();
        String inThisJvm = HELD.putIfAbsent(key, me);
        if (inThisJvm != null) throw refused(dir, inThisJvm);
        FileChannel channel = null;
        try {
            // No TRUNCATE: the holder's line must survive a refused attempt.
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw refused(dir, holder(channel));
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(key, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.close();
            HELD.remove(key);
            throw e;
        }
    }

    private static IOException refused(Path dir, String holder) {
        return new IOException(dir + ": another training run is writing into this directory (" + holder
                + "); wait for it to finish or choose another --out");
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(MAX_HOLDER_BYTES);
        int n = channel.read(b, 0);
        String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}]", " ").strip();
        return text.isEmpty() ? "holder unknown" : text;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(key);
            }
        }
    }
}
