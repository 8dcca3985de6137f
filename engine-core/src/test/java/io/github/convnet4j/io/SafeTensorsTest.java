package io.github.convnet4j.io;

import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SafeTensorsTest {
    @TempDir Path dir;

    private static HostTensor tensor(Shape shape, float start) {
        float[] d = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < d.length; i++) d[i] = start + i * 0.25f;
        return new HostTensor(shape, d);
    }

    @Test
    void roundTripKeepsOrderValuesAndMetadata() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("conv2d_1/kernel", tensor(Shape.of(4, 1, 3, 3), -2f));
        tensors.put("conv2d_1/bias", tensor(Shape.of(4), 1f));
        tensors.put("a_scalar", new HostTensor(Shape.of(), new float[]{Float.NaN}));
        tensors.put("dense/kernel", new HostTensor(Shape.of(2, 2), new float[]{Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, 3e38f}));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "convnet4j");
        meta.put("quote\"and\\unicode", "äö \n line");

        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, tensors, meta);

        byte[] raw = Files.readAllBytes(f);
        long headerLength = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data section is 8-byte aligned");
        assertEquals(8 + headerLength + 4L * (36 + 4 + 1 + 4), raw.length);

        SafeTensorsFile back = SafeTensors.read(f);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (String name : tensors.keySet()) {
            HostTensor want = tensors.get(name), got = back.tensors().get(name);
            assertEquals(want.shape(), got.shape(), name);
            assertEquals(want.data().length, got.data().length);
            for (int i = 0; i < want.data().length; i++) {
                assertEquals(Float.floatToRawIntBits(want.data()[i]), Float.floatToRawIntBits(got.data()[i]), name + "[" + i + "]");
            }
        }
        assertEquals(meta, back.metadata());
        assertEquals(List.copyOf(meta.keySet()), List.copyOf(back.metadata().keySet()));
    }

    @Test
    void emptyFileAndNoMetadata() throws IOException {
        Path f = dir.resolve("empty.safetensors");
        SafeTensors.write(f, Map.of(), Map.of());
        SafeTensorsFile back = SafeTensors.read(f);
        assertTrue(back.tensors().isEmpty());
        assertTrue(back.metadata().isEmpty());
    }

    @Test
    void reservedNameIsRejectedOnWrite() {
        Map<String, HostTensor> t = Map.of("__metadata__", tensor(Shape.of(1), 0));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("x.safetensors"), t, Map.of()));
    }

    /** Writes a file with the given header text and data length, bypassing the writer. */
    private Path hostile(String header, int dataBytes) throws IOException {
        return hostile(header, header.getBytes(StandardCharsets.UTF_8).length, dataBytes);
    }

    private Path hostile(String header, long declaredLength, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(h);
        Path f = dir.resolve("model.safetensors");
        Files.write(f, b.array());
        return f;
    }

    private String readError(Path f) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("model.safetensors: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void shapeMismatchMessageNamesTensorOffsetsAndShape() throws IOException {
        String h = "{\"conv2d_1/kernel\":{\"dtype\":\"F32\",\"shape\":[32,1,3,3],\"data_offsets\":[0,100]}}";
        assertEquals("model.safetensors: tensor 'conv2d_1/kernel' data_offsets [0, 100) do not match shape (32, 1, 3, 3) F32 (1152 bytes)",
                readError(hostile(h, 100)));
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        String h = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        assertTrue(readError(hostile(h, 8)).contains("out of range"));
        String negative = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}";
        assertTrue(readError(hostile(negative, 8)).contains("out of range"));
        String huge = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999999]}}";
        assertTrue(readError(hostile(huge, 8)).contains("data_offsets"));
    }

    @Test
    void overlappingTensors() throws IOException {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertTrue(readError(hostile(h, 12)).contains("overlap"));
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertTrue(readError(hostile(gap, 8)).contains("gap"));
        String trailing = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertTrue(readError(hostile(trailing, 8)).contains("after the last tensor"));
    }

    @Test
    void headerLengthBeyondFile() throws IOException {
        String h = "{}";
        assertTrue(readError(hostile(h, 1_000_000, 0)).contains("header length 1000000 is out of range"));
        assertTrue(readError(hostile(h, -1, 0)).contains("out of range"));
    }

    @Test
    void tooShortFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Files.write(f, new byte[]{1, 2, 3});
        assertTrue(readError(f).contains("too short"));
    }

    @Test
    void wrongDtypeIsNamed() throws IOException {
        String h = "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        assertEquals("model.safetensors: tensor 'w' has dtype F16; only F32 is supported", readError(hostile(h, 4)));
    }

    @Test
    void malformedJson() throws IOException {
        assertTrue(readError(hostile("{\"w\": [1, 2", 0)).contains("malformed JSON"));
        assertTrue(readError(hostile("[1, 2]", 0)).contains("not an object"));
        assertTrue(readError(hostile("{} {}", 0)).contains("malformed JSON"));
        String dup = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertTrue(readError(hostile(dup, 4)).contains("malformed JSON"));
        String badMeta = "{\"__metadata__\":{\"k\":1}}";
        assertTrue(readError(hostile(badMeta, 0)).contains("not a string"));
        String badShape = "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,4]}}";
        assertTrue(readError(hostile(badShape, 4)).contains("invalid shape"));
    }

    @Test
    void overflowingShapeIsCaughtWithExactArithmetic() throws IOException {
        String h = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}";
        assertTrue(readError(hostile(h, 4)).contains("too large"));
    }
}
