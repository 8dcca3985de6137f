package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The header parser on its own: its caps at and one past their limits, and duplicates inside entries
 * and metadata. Mutants left alive on purpose (mutation testing): the {@code END_OBJECT} test after the
 * field loop (the syntax pass has already proved the object well formed, and every value is read whole)
 * and {@code size >= 0} as {@code size > 0} (sizes are -1 or 2).
 */
class SafeTensorsHeaderTest {
    private record Seen(String name, String dtype, long[] shape, long[] offsets) {}

    private static List<Seen> parse(String header, Map<String, String> metadata) throws IOException {
        List<Seen> seen = new ArrayList<>();
        SafeTensorsHeader.parse(header.getBytes(StandardCharsets.UTF_8), "h.safetensors", metadata,
                (name, dtype, shape, offsets) -> seen.add(new Seen(name, dtype, shape, offsets)));
        return seen;
    }

    private static String refusal(String header) {
        return assertThrows(IOException.class, () -> parse(header, new LinkedHashMap<>())).getMessage();
    }

    /** {@code n} entries without fields (the parser passes them on as they are; the reader checks their content). */
    private static String entries(int n) {
        StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        for (int i = 0; i < n; i++) h.append(",\"").append(Integer.toString(i, 36)).append("\":{}");
        return h.append('}').toString();
    }

    @Test
    void exactlyMaxTensorsAreAcceptedAndTheMetadataDoesNotCount() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Seen> seen = parse(entries(SafeTensors.MAX_TENSORS), metadata);
        assertEquals(SafeTensors.MAX_TENSORS, seen.size());
        assertEquals(Integer.toString(65535, 36), seen.get(seen.size() - 1).name());
        assertEquals(new Seen("0", null, null, null).toString(), seen.get(0).toString(), "absent fields are null");
        assertEquals(Map.of("format", "pt"), metadata);
        assertEquals("h.safetensors: more than 65536 tensors in one file", refusal(entries(SafeTensors.MAX_TENSORS + 1)));
    }

    @Test
    void duplicatesInsideAnEntryOrTheMetadataAreRefused() {
        assertEquals("h.safetensors: tensor 'w' has duplicate field 'dtype'",
                refusal("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}"));
        assertEquals("h.safetensors: duplicate __metadata__ key 'a'", refusal("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}"));
    }

    @Test
    void sixtyFourShapeEntriesAreTheMost() throws IOException {
        long[] ones = new long[64];
        Arrays.fill(ones, 1);
        String dims = Arrays.toString(ones).replace(" ", "");
        List<Seen> seen = parse("{\"w\":{\"dtype\":\"F32\",\"shape\":" + dims + ",\"data_offsets\":[0,4]}}", new LinkedHashMap<>());
        assertArrayEquals(ones, seen.get(0).shape());
        String tooMany = "[1," + dims.substring(1);
        assertEquals("h.safetensors: tensor 'w' has more than 64 shape entries",
                refusal("{\"w\":{\"dtype\":\"F32\",\"shape\":" + tooMany + ",\"data_offsets\":[0,4]}}"));
    }
}
