package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SafeTensors} at unit level, beside {@link SafeTensorsTest}: tensors may lie in the data
 * section in any order (the layout check sorts by offset), every malformed header field is refused
 * with a line naming the file and the tensor, and large tensors cross the writer's chunk boundary.
 *
 * <p>Not reachable from a test of reasonable size, so left unmutated-by-test: the refusal of a header
 * longer than {@link SafeTensors#MAX_HEADER_BYTES} in a file just as long is tested only with a sparse
 * file past the limit, and the per-array element cap needs a data section of 8 GiB.
 *
 * <p>Other mutants left alive on purpose (mutation testing): the writer's chunk loop running once more
 * with 0 floats, the {@code HeapBudget.require} calls and their estimates (observable only with a heap
 * near the file's size), and {@code readFully}'s position and end-of-file tests (a local file is read
 * whole in one call, and its length was checked against every offset before).
 */
class SafeTensorsLayoutTest {
    @TempDir Path dir;

    /** A file with the given header text followed by {@code data}, bypassing the writer. */
    private Path file(String header, float... data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (float v : data) b.putFloat(v);
        Path f = dir.resolve("w.safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static String refusal(Path f) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static String entry(String name, String body) {
        return "{\"" + name + "\":" + body + "}";
    }

    @Test void tensorsStoredInAnotherOrderThanListedAreRead() throws IOException {
        // "a" is listed first but stored second: a valid file (the format does not order the data).
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}";
        SafeTensorsFile back = SafeTensors.read(file(h, 1f, 2f, 3f, 4f, 5f));
        assertEquals(List.of("a", "b"), List.copyOf(back.tensors().keySet()), "header order is kept");
        assertArrayEquals(new float[] {4f, 5f}, back.tensors().get("a").data());
        assertArrayEquals(new float[] {1f, 2f, 3f}, back.tensors().get("b").data());
        assertEquals(Shape.of(3), back.tensors().get("b").shape());
    }

    @Test void layoutErrorsNameTheTensorsAndTheBytes() throws IOException {
        String overlap = "{\"late\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"early\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals("w.safetensors: tensor 'late' data_offsets [4, 12) overlap tensor 'early' [0, 8)", refusal(file(overlap, 1, 2, 3)));
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}";
        assertEquals("w.safetensors: gap of 8 bytes before tensor 'b' at offset 4", refusal(file(gap, 1, 2, 3, 4)));
        String trailing = entry("a", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}");
        assertEquals("w.safetensors: 8 bytes of data after the last tensor (data section has 12 bytes)", refusal(file(trailing, 1, 2, 3)));
        assertEquals("w.safetensors: 4 bytes of data after the last tensor (data section has 4 bytes)", refusal(file("{}", 1)));
    }

    @Test void everyMalformedEntryFieldIsRefusedByName() throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(entry("", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"), "w.safetensors: tensor with an empty name");
        cases.put(entry("w", "[1]"), "w.safetensors: tensor 'w' is not a JSON object");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}"), "w.safetensors: tensor 'w' has unknown field 'extra'");
        cases.put(entry("w", "{\"shape\":[1],\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has no dtype");
        cases.put(entry("w", "{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has no dtype");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has no shape array");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has no shape array");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has invalid shape dimension 1.5");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has invalid shape dimension \"1\"");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[2147483648],\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has invalid shape dimension 2147483648");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}"), "w.safetensors: tensor 'w' has invalid shape dimension -1");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1,0],\"data_offsets\":[0,0]}"), "w.safetensors: tensor 'w' has a zero-sized dimension, which is not supported");
        String noOffsets = "w.safetensors: tensor 'w' has no valid data_offsets [begin, end]";
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":4}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0.5,4]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,\"4\"]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.0]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[99999999999999999999,4]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}"), noOffsets);
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,4]}"),
                "w.safetensors: tensor 'w' data_offsets [4, 4) do not match shape (1,) F32 (4 bytes)");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}"),
                "w.safetensors: tensor 'w' data_offsets [8, 4) out of range (data section has 8 bytes)");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,12]}"),
                "w.safetensors: tensor 'w' data_offsets [4, 12) out of range (data section has 8 bytes)");
        cases.put(entry("w", "{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}"),
                "w.safetensors: tensor 'w' data_offsets [0, 8) do not match shape (3,) F32 (12 bytes)");
        cases.put("{\"__metadata__\":[\"k\"]}", "w.safetensors: __metadata__ is not an object");
        cases.put("{\"__metadata__\":{\"k\":null}}", "w.safetensors: __metadata__ value of 'k' is not a string");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertEquals(c.getValue(), refusal(file(c.getKey(), 1, 2)), c.getKey());
        }
    }

    @Test void aTensorEndingExactlyAtTheEndOfTheDataIsAccepted() throws IOException {
        SafeTensorsFile back = SafeTensors.read(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}"), 7, 8));
        assertArrayEquals(new float[] {7, 8}, back.tensors().get("w").data());
        assertEquals(Shape.of(1, 2), back.tensors().get("w").shape());
    }

    @Test void headerLengthLimits() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Files.write(f, ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putLong(1).put((byte) '{').array());
        assertTrue(refusal(f).startsWith("w.safetensors: header length 1 is out of range"), "a header needs at least {}");
        Files.write(f, ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(2).put((byte) '{').put((byte) '}').array());
        assertTrue(SafeTensors.read(f).tensors().isEmpty(), "the shortest header, ending exactly at the end of the file");
        Files.write(f, ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(3).put((byte) '{').put((byte) '}').array());
        assertEquals("w.safetensors: header length 3 is out of range (file has 10 bytes, limit " + SafeTensors.MAX_HEADER_BYTES + ")",
                refusal(f), "one byte beyond the file");
        Files.write(f, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0).array());
        assertEquals("w.safetensors: header length 0 is out of range (file has 8 bytes, limit " + SafeTensors.MAX_HEADER_BYTES + ")",
                refusal(f), "8 bytes hold a length but no header");
        Files.write(f, new byte[7]);
        assertEquals("w.safetensors: too short to be a safetensors file (7 bytes)", refusal(f));
        // A sparse file longer than the cap, declaring a header one byte over it: refused without reading it.
        long over = SafeTensors.MAX_HEADER_BYTES + 1;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(0);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(over).array());
            raf.setLength(8 + over + 16);
        }
        assertEquals("w.safetensors: header length " + over + " is out of range (file has " + (over + 24) + " bytes, limit "
                + SafeTensors.MAX_HEADER_BYTES + ")", refusal(f));
    }

    @Test void largeTensorsCrossTheWritersChunksIntact() throws IOException {
        float[] big = new float[40_000];  // 160 000 bytes: two full 64 KiB chunks and a partial one
        for (int i = 0; i < big.length; i++) big[i] = i * 0.5f - 7;
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("big", new HostTensor(Shape.of(200, 200), big));
        tensors.put("after", new HostTensor(Shape.of(2), new float[] {-1.5f, 2.5f}));
        Path f = dir.resolve("big.safetensors");
        SafeTensors.write(f, tensors, null);
        SafeTensorsFile back = SafeTensors.read(f);
        assertArrayEquals(big, back.tensors().get("big").data());
        assertArrayEquals(new float[] {-1.5f, 2.5f}, back.tensors().get("after").data());
        assertTrue(back.metadata().isEmpty(), "null metadata writes none");
        byte[] raw = Files.readAllBytes(f);
        long headerLength = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(raw, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertFalse(header.contains("__metadata__"), header);
        assertTrue(header.contains("\"data_offsets\":[160000,160008]"), header);
    }

    @Test void writerRefusesNamesItCouldNotReadBack() {
        Map<String, HostTensor> empty = Map.of("", new HostTensor(Shape.of(1), new float[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("x.safetensors"), empty, Map.of()));
        assertEquals("x.safetensors: invalid tensor name ''", e.getMessage());
        Map<String, HostTensor> nullName = new LinkedHashMap<>();
        nullName.put(null, new HostTensor(Shape.of(1), new float[1]));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("x.safetensors"), nullName, Map.of()));
        assertFalse(Files.exists(dir.resolve("x.safetensors")), "nothing is written");
    }
}
