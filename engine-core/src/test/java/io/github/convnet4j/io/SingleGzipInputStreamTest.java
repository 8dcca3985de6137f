package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * One gzip member, checked to the last byte. Mutants left alive on purpose (mutation testing):
 * {@code len < 0} as {@code len <= 0} after reading the source and {@code read() < 0} as {@code <= 0}
 * (a read of positive length returns 0 only from a stream that breaks InputStream's contract),
 * {@code got > 0} as {@code >= 0} and {@code readInflated}'s -1 as 0 (it returns at least 1 or the end,
 * and both 0 and -1 lead to the trailer), the {@code needsDictionary} test (gzip's raw deflate data never
 * asks for one) and the fallback text for a {@code DataFormatException} without a message (zlib gives one).
 */
class SingleGzipInputStreamTest {
    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bos)) { out.write(raw); }
        return bos.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] read(byte[] gz) throws IOException {
        try (InputStream in = new SingleGzipInputStream(new ByteArrayInputStream(gz), "data.gz")) {
            return in.readAllBytes();
        }
    }

    @Test
    void decompressesOneMember() throws IOException {
        byte[] raw = new byte[200_000];
        for (int i = 0; i < raw.length; i++) raw[i] = (byte) (i * 31 % 251);
        assertArrayEquals(raw, read(gzip(raw)));
        assertArrayEquals(new byte[0], read(gzip(new byte[0])));
    }

    @Test
    void trailingBytesAndSecondMembersAreRefused() throws IOException {
        byte[] one = gzip("hello".getBytes());
        IOException garbage = assertThrows(IOException.class, () -> read(concat(one, "GARBAGE".getBytes())));
        assertEquals("data.gz: unexpected data after the end of the gzip stream (a second member or trailing bytes)", garbage.getMessage());
        IOException twice = assertThrows(IOException.class, () -> read(concat(one, one)));
        assertTrue(twice.getMessage().contains("unexpected data after the end of the gzip stream"), twice.getMessage());
        IOException oneByte = assertThrows(IOException.class, () -> read(concat(one, new byte[1])));
        assertTrue(oneByte.getMessage().contains("unexpected data"), oneByte.getMessage());
    }

    @Test
    void corruptTrailersAndTruncationAreRefused() throws IOException {
        byte[] gz = gzip("some data to check".getBytes());
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 1;
        assertEquals("data.gz: corrupt gzip stream (CRC-32 mismatch)", assertThrows(IOException.class, () -> read(crc)).getMessage());
        byte[] size = gz.clone();
        size[size.length - 2] ^= 1;
        assertEquals("data.gz: corrupt gzip stream (length mismatch)", assertThrows(IOException.class, () -> read(size)).getMessage());
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 3);
        assertTrue(assertThrows(IOException.class, () -> read(cut)).getMessage().startsWith("data.gz: truncated gzip"));
    }

    /**
     * A member whose header carries every optional field (RFC 1952 2.3.1): FEXTRA with a 300-byte
     * field (its little-endian length needs both bytes), FNAME, FCOMMENT and FHCRC. The deflate
     * data and trailer are java.util.zip's, after its plain 10-byte header.
     */
    @Test
    void skipsEveryOptionalHeaderField() throws IOException {
        byte[] raw = "optional header fields".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] plain = gzip(raw);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 255});
        h.write(300 & 0xFF);
        h.write(300 >> 8);
        h.write(new byte[300]);
        h.write("name.idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.write(0);
        h.write("a comment".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.write(0);
        h.write(new byte[] {0x12, 0x34});   // header CRC16: skipped, not checked
        h.write(plain, 10, plain.length - 10);
        assertArrayEquals(raw, read(h.toByteArray()));
    }

    @Test
    void refusesOtherMagicMethodsAndTruncatedHeaders() throws IOException {
        byte[] good = gzip(new byte[] {1, 2, 3});
        byte[] badMagic = good.clone();
        badMagic[1] = (byte) 0x8c;
        assertEquals("data.gz: not gzip-compressed data / corrupt gzip stream (bad magic)",
                assertThrows(java.util.zip.ZipException.class, () -> read(badMagic)).getMessage());
        byte[] stored = good.clone();
        stored[2] = 0;
        assertEquals("data.gz: not gzip-compressed data / corrupt gzip stream (compression method 0)",
                assertThrows(java.util.zip.ZipException.class, () -> read(stored)).getMessage());
        byte[] named = good.clone();
        named[3] = 8;   // FNAME, but the "name" runs into the deflate data and the trailer without a 0 byte
        byte[] cut = java.util.Arrays.copyOf(named, 12);
        cut[10] = 'a';
        cut[11] = 'b';
        assertEquals("data.gz: truncated gzip header",
                assertThrows(java.io.EOFException.class, () -> read(cut)).getMessage());
        assertEquals("data.gz: truncated gzip header",
                assertThrows(java.io.EOFException.class, () -> read(java.util.Arrays.copyOf(good, 5))).getMessage());
    }

    /** One byte per read: the trailer then arrives through the stream, not the inflater's buffer. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override public synchronized int read(byte[] b, int off, int len) { return super.read(b, off, Math.min(len, 1)); }
        };
    }

    @Test
    void aTrailerReadByteByByteIsCheckedAndAByteAfterItRefused() throws IOException {
        byte[] raw = new byte[1000];
        for (int i = 0; i < raw.length; i++) raw[i] = (byte) (i * 7);
        try (InputStream in = new SingleGzipInputStream(trickle(gzip(raw)), "slow.gz")) {
            assertArrayEquals(raw, in.readAllBytes());
        }
        // A single 0 byte after the member: read() returns 0 for it, which is still data.
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = new SingleGzipInputStream(trickle(concat(gzip(raw), new byte[1])), "slow.gz")) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().startsWith("slow.gz: unexpected data after the end of the gzip stream"), e.getMessage());
    }

    @Test
    void singleByteReadsReturnUnsignedValuesThenEnd() throws IOException {
        byte[] raw = {(byte) 0xFF, 0, (byte) 0x80, 0x7F};
        try (InputStream in = new SingleGzipInputStream(new ByteArrayInputStream(gzip(raw)), "b.gz")) {
            assertEquals(255, in.read());
            assertEquals(0, in.read());
            assertEquals(128, in.read());
            assertEquals(127, in.read());
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4], 0, 4), "the end stays the end");
        }
        try (InputStream in = new SingleGzipInputStream(new ByteArrayInputStream(gzip(raw)), "b.gz")) {
            assertEquals(0, in.read(new byte[4], 0, 0), "a zero-length read reads nothing");
        }
    }

    @Test
    void closeClosesTheSource() throws IOException {
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(gzip(new byte[] {9})) {
            @Override public void close() { closed[0] = true; }
        };
        new SingleGzipInputStream(source, "c.gz").close();
        assertTrue(closed[0]);
    }

    @Test
    void theEndStaysTheEndAfterATrailerReadFromTheSource() throws IOException {
        // Byte by byte, the trailer comes from the source stream, not from the inflater's leftover input.
        byte[] raw = {1, 2, 3, 4, 5};
        try (InputStream in = new SingleGzipInputStream(trickle(gzip(raw)), "slow.gz")) {
            assertArrayEquals(raw, in.readAllBytes());
            assertEquals(-1, in.read(new byte[4], 0, 4));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aZeroLengthReadReturnsZeroWhereverTheStreamIs() throws IOException {
        // InputStream's contract: len 0 reads nothing and returns 0, also after the last byte and at the end.
        byte[] raw = {9, 8, 7, 6};
        try (InputStream in = new SingleGzipInputStream(new ByteArrayInputStream(gzip(raw)), "z.gz")) {
            byte[] b = new byte[8];
            assertEquals(0, in.read(b, 0, 0));
            assertEquals(4, in.read(b, 0, 8), "all of it at once: the inflater has reached the end of the deflate data");
            assertEquals(0, in.read(b, 4, 0), "after the last byte, before the trailer is checked");
            assertEquals(-1, in.read(b, 0, 8));
            assertEquals(0, in.read(b, 0, 0), "at the end");
            assertArrayEquals(raw, java.util.Arrays.copyOf(b, 4));
        }
    }
}
