package io.github.convnet4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses exactly one gzip member (RFC 1952) and refuses anything after it.
 * {@link java.util.zip.GZIPInputStream} silently skips trailing garbage and reads on into
 * concatenated members, so a data file with bytes appended still "loaded"; here the trailer's CRC-32
 * and length are checked and the stream must end right after them. Errors are {@link IOException}s
 * whose message starts with the source name.
 */
public final class SingleGzipInputStream extends InflaterInputStream {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private final String source;
    private final CRC32 crc = new CRC32();
    private long produced;
    private boolean done;

    /**
     * Reads and checks the member header from {@code in}.
     *
     * @param source named in error messages
     */
    public SingleGzipInputStream(InputStream in, String source) throws IOException {
        super(in, new Inflater(true), 1 << 16);
        this.source = source;
        readHeader();
    }

    private void readHeader() throws IOException {
        if (u8() != 0x1f || u8() != 0x8b) throw new ZipException(source + ": not gzip-compressed data / corrupt gzip stream (bad magic)");
        int method = u8();
        if (method != 8) throw new ZipException(source + ": not gzip-compressed data / corrupt gzip stream (compression method " + method + ")");
        int flags = u8();
        for (int i = 0; i < 6; i++) u8(); // mtime, xfl, os
        if ((flags & FEXTRA) != 0) {
            int n = u8() | u8() << 8;
            for (int i = 0; i < n; i++) u8();
        }
        if ((flags & FNAME) != 0) while (u8() != 0) { /* skip the stored file name */ }
        if ((flags & FCOMMENT) != 0) while (u8() != 0) { /* skip the comment */ }
        if ((flags & FHCRC) != 0) { u8(); u8(); }
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException(source + ": truncated gzip header");
        return b;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        java.util.Objects.checkFromIndexSize(off, n, b.length);
        // InputStream's contract: a zero-length read returns 0 wherever the stream is, even at its end
        // (it used to check the trailer and return -1 once the inflater had finished).
        if (n == 0) return 0;
        if (done) return -1;
        int got;
        try {
            got = readInflated(b, off, n);
        } catch (ZipException e) {
            throw new ZipException(source + ": corrupt gzip stream (" + e.getMessage() + ")");
        }
        if (got > 0) {
            crc.update(b, off, got);
            produced += got;
            return got;
        }
        checkTrailer();
        done = true;
        return -1;
    }

    /** Inflates into {@code b[off, off + n)}, {@code n > 0}: the count (at least 1), or -1 at the end of the deflate data. */
    private int readInflated(byte[] b, int off, int n) throws IOException {
        try {
            int got;
            while ((got = inf.inflate(b, off, n)) == 0) {
                if (inf.finished() || inf.needsDictionary()) return -1;
                if (inf.needsInput()) {
                    len = in.read(buf, 0, buf.length);
                    if (len < 0) throw new EOFException(source + ": truncated gzip stream (unexpected end of data)");
                    inf.setInput(buf, 0, len);
                }
            }
            return got;
        } catch (DataFormatException e) {
            throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
        }
    }

    /** The 8-byte trailer (CRC-32, length mod 2^32), then nothing at all. */
    private void checkTrailer() throws IOException {
        int remaining = inf.getRemaining();
        byte[] rest = new byte[remaining];
        System.arraycopy(buf, len - remaining, rest, 0, remaining);
        byte[] trailer = new byte[8];
        int have = Math.min(8, remaining);
        System.arraycopy(rest, 0, trailer, 0, have);
        while (have < 8) {
            int n = in.read(trailer, have, 8 - have);
            if (n < 0) throw new EOFException(source + ": truncated gzip trailer");
            have += n;
        }
        long storedCrc = le32(trailer, 0), storedSize = le32(trailer, 4);
        if (storedCrc != crc.getValue()) throw new ZipException(source + ": corrupt gzip stream (CRC-32 mismatch)");
        if (storedSize != (produced & 0xFFFFFFFFL)) throw new ZipException(source + ": corrupt gzip stream (length mismatch)");
        if (remaining > 8 || in.read() >= 0) {
            throw new ZipException(source + ": unexpected data after the end of the gzip stream (a second member or trailing bytes)");
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public void close() throws IOException {
        inf.end();
        super.close();
    }
}
