package io.github.convnet4j.data;

import io.github.convnet4j.io.InputFiles;
import io.github.convnet4j.io.SingleGzipInputStream;
import io.github.convnet4j.util.HeapBudget;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic {@code 0x000008DD}
 * (type 0x08 = unsigned byte, DD = number of dimensions, e.g. {@code 0x00000801} for labels and
 * {@code 0x00000803} for images), DD big-endian 32-bit sizes, then the bytes. Plain or gzip, detected
 * by the gzip magic {@code 1f 8b}, not by the file name.
 *
 * <p>Nothing read from the file is trusted: dimension counts and sizes are checked against hard caps
 * and, for plain files, against the file length before anything is allocated; gzip data is read in
 * growing chunks so a tiny file that claims a huge size cannot make us allocate it, and what the
 * header declares is checked against the free heap first. A gzip file holds exactly one member:
 * bytes after it are refused. Every error is an
 * {@link IOException} whose one-line message starts with the file name.
 */
public final class IdxReader {
    /** Largest number of dimensions accepted (images with channels are 4, volumes (N, C, D, H, W) 5). */
    public static final int MAX_DIMS = 5;
    /** Largest data section accepted: 1 GiB, well above EMNIST-sized sets, well below array limits. */
    public static final long MAX_DATA_BYTES = 1L << 30;

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {}

    /** Reads an IDX file, plain or gzip-compressed. */
    public static IdxArray read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        long length;
        try {
            length = InputFiles.requireRegularFile(file, "an IDX file");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(name + ": no such file (" + file.toAbsolutePath() + ")", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, length);
        }
    }

    /**
     * Reads an IDX stream (e.g. a classpath resource), plain or gzip-compressed.
     *
     * @param in         the stream; not closed
     * @param sourceName a name for error messages, e.g. {@code train-images-idx3-ubyte.gz}
     */
    public static IdxArray read(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName, -1);
    }

    /** {@code knownLength} is the plain file's length, or -1 when unknown. */
    private static IdxArray read(InputStream raw, String name, long knownLength) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read(), b1 = buffered.read();
        buffered.reset();
        InputStream in = buffered;
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (gzip) {
            knownLength = -1; // the compressed length says nothing about the data length
            try {
                in = new SingleGzipInputStream(buffered, name);
            } catch (ZipException | EOFException e) {
                throw new IOException(e.getMessage());
            }
        }
        try {
            return parse(in, name, knownLength);
        } catch (ZipException | EOFException e) {
            // SingleGzipInputStream's messages start with the name already.
            throw new IOException(e.getMessage() != null && e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e);
        }
    }

    private static IdxArray parse(InputStream in, String name, long knownLength) throws IOException {
        byte[] head = new byte[4];
        int got = readUpTo(in, head, 0, 4);
        if (got < 4) throw new IOException(name + ": too short to be an IDX file (" + got + " bytes)");
        int magic = bigEndianInt(head, 0);
        if (head[0] != 0 || head[1] != 0) {
            throw new IOException(name + ": bad magic 0x" + hex(magic) + " (not an IDX file)");
        }
        int type = head[2] & 0xFF, rank = head[3] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IOException(name + ": IDX data type 0x" + String.format("%02x", type) + " is not supported (only unsigned byte 0x08)");
        }
        if (rank < 1 || rank > MAX_DIMS) {
            throw new IOException(name + ": IDX file declares " + rank + " dimensions (supported: 1 to " + MAX_DIMS + ")");
        }
        byte[] dimBytes = new byte[4 * rank];
        got = readUpTo(in, dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) throw new IOException(name + ": truncated header: expected " + rank + " dimension sizes");
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            long d = bigEndianInt(dimBytes, 4 * i) & 0xFFFFFFFFL;
            if (d == 0) throw new IOException(name + ": dimension " + i + " is zero");
            if (d > MAX_DATA_BYTES) throw new IOException(name + ": dimension " + i + " is " + d + ", larger than the limit " + MAX_DATA_BYTES);
            dims[i] = (int) d;
            total = Math.multiplyExact(total, d); // each factor <= 2^30 and we stop once over the cap, so no overflow
            if (total > MAX_DATA_BYTES) {
                throw new IOException(name + ": declared dimensions " + dimsText(dims, i + 1) + " need more than the limit of " + MAX_DATA_BYTES + " bytes");
            }
        }
        long headerBytes = 4L + 4L * rank;
        if (knownLength >= 0) {
            long available = knownLength - headerBytes;
            if (available < total) {
                throw new IOException(name + ": truncated: expected " + total + " bytes of data, got " + available);
            }
            if (available > total) {
                throw new IOException(name + ": " + (available - total) + " unexpected bytes after the " + total + " bytes of data");
            }
        }
        // A gzip file's data grows as it arrives (up to 1.5x while the buffer doubles); check the heap first.
        HeapBudget.require(knownLength >= 0 ? total : total + total / 2,
                "reading " + name + " (" + dimsText(dims, rank) + " bytes)", "use a smaller data set");
        byte[] data = readData(in, (int) total, knownLength >= 0, name);
        if (in.read() >= 0) {
            throw new IOException(name + ": unexpected bytes after the " + total + " bytes of data");
        }
        return new IdxArray(dims, data);
    }

    /** Reads exactly {@code total} bytes; when the length was not checked up front, grows the buffer only as data arrives. */
    private static byte[] readData(InputStream in, int total, boolean lengthChecked, String name) throws IOException {
        byte[] data = new byte[lengthChecked ? total : Math.min(total, 1 << 20)];
        int filled = 0;
        while (filled < total) {
            if (filled == data.length) data = Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
            int n = in.read(data, filled, data.length - filled);
            if (n < 0) throw new IOException(name + ": truncated: expected " + total + " bytes of data, got " + filled);
            filled += n;
        }
        return data;
    }

    private static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    private static int bigEndianInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static String hex(int v) { return String.format("%08x", v); }

    private static String dimsText(int[] dims, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) { if (i > 0) b.append(" x "); b.append(dims[i]); }
        return b.toString();
    }
}
