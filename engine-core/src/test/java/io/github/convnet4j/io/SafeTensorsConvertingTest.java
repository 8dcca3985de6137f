package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SafeTensors#readConverting}: files as PyTorch writes them, with F64, F16, BF16 and I64
 * tensors; {@link SafeTensors#read} keeps refusing anything but F32. Expected values are the
 * formats' bit patterns decoded by hand (IEEE 754 binary16: 0x3C00 = 1, 0xC000 = -2, 0x3555 =
 * 0.333251953125; bfloat16 is the top half of a float32: 0x3F80 = 1, 0x4049 = 3.140625).
 */
class SafeTensorsConvertingTest {
    @TempDir Path dir;

    /** A file with the given header and raw little-endian data section. */
    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private static String entry(String name, String dtype, String shape, int begin, int end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** F64 (2) at 0, F16 (3) at 16, BF16 (2) at 22, I64 scalar at 26, F32 (1) at 34: 38 bytes. */
    private Path mixed() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(38).order(ByteOrder.LITTLE_ENDIAN);
        d.putDouble(1.5).putDouble(-0.1);
        d.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3555);
        d.putShort((short) 0x3F80).putShort((short) 0x4049);
        d.putLong(123_456_789_012L);
        d.putFloat(0.25f);
        String h = "{" + String.join(",", entry("w64", "F64", "[2]", 0, 16), entry("h16", "F16", "[3,1]", 16, 22),
                entry("b16", "BF16", "[2]", 22, 26), entry("num_batches_tracked", "I64", "[]", 26, 34), entry("f32", "F32", "[1]", 34, 38)) + "}";
        return file("torch.safetensors", h, d.array());
    }

    @Test
    void otherFloatFormatsAreConvertedAndIntegerBookkeepingIsLeftOut() throws IOException {
        SafeTensors.Converted c = SafeTensors.readConverting(mixed());
        Map<String, ?> tensors = c.file().tensors();
        assertEquals(List.of("w64", "h16", "b16", "f32"), List.copyOf(tensors.keySet()), "the I64 tensor is not a weight");
        assertArrayEquals(new float[]{1.5f, (float) -0.1}, c.file().tensors().get("w64").data());
        assertArrayEquals(new float[]{1f, -2f, 0.333251953125f}, c.file().tensors().get("h16").data());
        assertEquals(Shape.of(3, 1), c.file().tensors().get("h16").shape());
        assertArrayEquals(new float[]{1f, 3.140625f}, c.file().tensors().get("b16").data());
        assertArrayEquals(new float[]{0.25f}, c.file().tensors().get("f32").data());
        assertEquals(Map.of("w64", "F64", "h16", "F16", "b16", "BF16", "num_batches_tracked", "I64", "f32", "F32"), c.storedDtypes());
        assertEquals(List.of("w64", "h16", "b16", "num_batches_tracked", "f32"), List.copyOf(c.storedDtypes().keySet()), "file order");
    }

    @Test
    void plainReadingTakesOnlyF32AndConvertingNamesWhatItTakes() throws IOException {
        Path f = mixed();
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertEquals("torch.safetensors: tensor 'w64' has dtype F64; only F32 is supported", e.getMessage());
        Path ints = file("i32.safetensors", "{" + entry("ids", "I32", "[1]", 0, 4) + "}", new byte[4]);
        e = assertThrows(IOException.class, () -> SafeTensors.readConverting(ints));
        assertEquals("i32.safetensors: tensor 'ids' has dtype I32; only F32, F64, F16, BF16 and I64 are supported", e.getMessage());
        // F16 sizes are checked at two bytes an element.
        Path short16 = file("h.safetensors", "{" + entry("h", "F16", "[3]", 0, 4) + "}", new byte[4]);
        e = assertThrows(IOException.class, () -> SafeTensors.readConverting(short16));
        assertTrue(e.getMessage().startsWith("h.safetensors: tensor 'h' data_offsets [0, 4) do not match shape (3,) F16 (6 bytes)"), e.getMessage());
    }

    @Test
    void theSmallestHeaderIsAnEmptyObject() throws IOException {
        Path f = file("empty.safetensors", "{}", new byte[0]);
        SafeTensorsFile read = SafeTensors.read(f);
        assertTrue(read.tensors().isEmpty());
        assertTrue(read.metadata().isEmpty());
        Path one = file("one.safetensors", "{", new byte[0]);
        assertTrue(assertThrows(IOException.class, () -> SafeTensors.read(one)).getMessage().startsWith("one.safetensors: header length 1 is out of range"));
    }
}
