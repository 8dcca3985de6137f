package io.github.convnet4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.putInt(0x00000800 | dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) { out.write(raw); }
        return bos.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** n images of h×w whose pixel (i, y, x) is (i*7 + y*w + x) mod 256. */
    static byte[] images(int n, int h, int w) {
        byte[] d = new byte[n * h * w];
        for (int i = 0; i < n; i++) for (int p = 0; p < h * w; p++) d[i * h * w + p] = (byte) (i * 7 + p);
        return d;
    }

    static byte[] labels(int n, int k) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) d[i] = (byte) ((i * 3) % k);
        return d;
    }
}
