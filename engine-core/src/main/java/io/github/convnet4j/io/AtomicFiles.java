package io.github.convnet4j.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that a crash or an exception never leaves a half-written file behind: the
 * content goes to a temporary file in the same directory, is flushed and forced to disk, and only
 * then renamed over the target. Until that rename the previous file (if any) stays intact. The
 * file's mode follows the process's umask, like any other tool's output.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace; its parent directory must exist
     * @param body   writes the content; it need not close the stream (closing it is harmless)
     * @throws IOException from {@code body} or the file system; then the target is untouched and
     *                     the temporary file is deleted
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(target + ": parent directory does not exist");
        }
        // Same directory as the target, so the final rename never crosses a file system.
        Path tmp = null;
        FileChannel opened = null;
        while (opened == null) {
            tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                // Not Files.createTempFile: that makes the file 0600 whatever the umask, and the
                // rename would carry that mode to the output. CREATE_NEW gives 0666 minus the umask.
                opened = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // Another writer drew the same name; draw again.
            }
        }
        boolean done = false;
        try {
            try (FileChannel channel = opened) {
                BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.accept(new UncloseableStream(buffered));
                buffered.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            forceDirectory(dir);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The original failure matters more than a leftover temp file.
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (not Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort: the data itself is already on disk.
        }
    }

    /** Lets the body close "its" stream without closing the channel before we force it. */
    private static final class UncloseableStream extends FilterOutputStream {
        UncloseableStream(OutputStream out) { super(out); }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override public void close() throws IOException { out.flush(); }
    }
}
