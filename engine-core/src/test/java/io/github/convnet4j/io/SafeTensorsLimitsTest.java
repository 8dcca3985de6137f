package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header is streamed and capped: size, tensor count, duplicates, trailing bytes, out-of-range integers. */
class SafeTensorsLimitsTest {
    @TempDir Path dir;

    private Path file(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return Files.write(dir.resolve(name), b.array());
    }

    private static String error(Path f) {
        return assertThrows(IOException.class, () -> SafeTensors.read(f)).getMessage();
    }

    @Test
    void tooManyTensorsAreRefusedWhileStreaming() throws IOException {
        int n = SafeTensors.MAX_TENSORS + 1;
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) h.append(',');
            h.append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[").append(4 * i).append(',').append(4 * i + 4).append("]}");
        }
        Path f = file("many.safetensors", h.append('}').toString(), 4 * n);
        assertEquals("many.safetensors: more than " + SafeTensors.MAX_TENSORS + " tensors in one file", error(f));
    }

    @Test
    void headerLargerThanTheCapIsRefusedBeforeReading() throws IOException {
        Path f = dir.resolve("big.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(SafeTensors.MAX_HEADER_BYTES + 1);
        Files.write(f, b.array());
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(SafeTensors.MAX_HEADER_BYTES + 9).write(ByteBuffer.wrap(new byte[] {'}'})); // sparse file
        }
        assertTrue(error(f).startsWith("big.safetensors: header length " + (SafeTensors.MAX_HEADER_BYTES + 1) + " is out of range"));
    }

    @Test
    void malformedHeadersAreOneLineNamingTheFile() throws IOException {
        String t = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertEquals("d.safetensors: malformed JSON header: duplicate key 'a'", error(file("d.safetensors", "{\"a\":" + t + ",\"a\":" + t + "}", 4)));
        assertEquals("x.safetensors: malformed JSON header: unexpected data after the object", error(file("x.safetensors", "{\"a\":" + t + "} {}", 4)));
        assertEquals("s.safetensors: tensor 'a' has invalid shape dimension 18446744073709551620",
                error(file("s.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[18446744073709551620],\"data_offsets\":[0,4]}}", 4)));
        assertEquals("o.safetensors: tensor 'a' has no valid data_offsets [begin, end]",
                error(file("o.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)));
        assertTrue(error(file("j.safetensors", "{\"a\":[[[[[[[[[[[[1]]]]]]]]]]]]}", 0)).startsWith("j.safetensors: "));
    }

    @Test
    void aDeviceIsNotAModelFile() throws IOException {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "needs /dev/zero");
        Path link = Files.createSymbolicLink(dir.resolve("m.safetensors"), zero);
        assertTrue(error(link).contains("is not a regular file"), error(link));
    }
}
