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
}
