package io.github.convnet4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one way input files are opened: every reader (model specs, class-name files, CIFAR's
 * {@code batches.meta.txt}, model files, checkpoints, IDX, images) goes through here. A path must
 * name a regular file (a symlink to {@code /dev/zero}, a FIFO that would block, a directory are
 * refused before anything is read), and text is read only up to a cap, whatever the file claims
 * its size is, then decoded as strict UTF-8. Every error is an {@link IOException} whose one-line
 * message starts with the path.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * Refuses anything but an existing regular file (after following symlinks).
     *
     * @param what what the file should be, for the message, e.g. {@code "a model spec"}
     * @return the file's size in bytes as the file system reports it
     */
    public static long requireRegularFile(Path file, String what) throws IOException {
        if (Files.isRegularFile(file)) return Files.size(file);
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        String kind = Files.isDirectory(file) ? "a directory" : "not a regular file (a device, FIFO or socket)";
        throw new IOException(file + ": is " + kind + "; " + what + " must be a regular file");
    }

    /**
     * Reads at most {@code maxBytes} bytes of a regular file; one byte more is refused, so a file that
     * grows or lies about its size cannot make this read more.
     */
    public static byte[] readBounded(Path file, long maxBytes, String what) throws IOException {
        long size = requireRegularFile(file, what);
        if (size > maxBytes) throw tooLarge(file, size + " bytes", maxBytes, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) throw tooLarge(file, "more than " + maxBytes + " bytes", maxBytes, what);
            return data;
        }
    }

    /** {@link #readBounded} decoded as strict UTF-8 (see {@link #utf8}). */
    public static String readText(Path file, long maxBytes, String what) throws IOException {
        return utf8(readBounded(file, maxBytes, what), file.toString());
    }

    /**
     * Strict UTF-8: a malformed or unmappable sequence is refused with its byte offset; a leading
     * byte-order mark is dropped.
     *
     * @param source named in the message
     */
    public static String utf8(byte[] bytes, String source) throws IOException {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isUnderflow()) r = decoder.flush(out);
        if (r.isError()) {
            throw new IOException(source + ": invalid UTF-8 at byte " + in.position() + " (0x"
                    + hexBytes(Arrays.copyOfRange(bytes, in.position(), Math.min(bytes.length, in.position() + r.length()))) + ")");
        }
        if (r.isOverflow()) throw new CharacterCodingException(); // cannot happen: one char per byte at most
        return out.flip().toString();
    }

    private static String hexBytes(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xFF));
        return s.toString();
    }

    private static IOException tooLarge(Path file, String size, long maxBytes, String what) {
        return new IOException(file + ": " + size + " is larger than the " + maxBytes + "-byte limit for " + what);
    }
}
