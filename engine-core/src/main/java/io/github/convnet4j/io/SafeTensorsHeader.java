package io.github.convnet4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a safetensors JSON header token by token, with no tree in between: a header of many
 * small entries costs about what its entries cost, not ten times that. Rejects duplicate keys,
 * unknown fields, more than {@link SafeTensors#MAX_TENSORS} tensors and anything after the object.
 */
final class SafeTensorsHeader {
    private static final String METADATA_KEY = "__metadata__";
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(40).build())
            .build();

    /** Receives one tensor entry; absent fields are null. */
    interface EntrySink {
        void accept(String name, String dtype, long[] shape, long[] dataOffsets) throws IOException;
    }

    private SafeTensorsHeader() {}

    static void parse(byte[] header, String src, Map<String, String> metadata, EntrySink sink) throws IOException {
        checkSyntax(header, src);
        try (JsonParser p = FACTORY.createParser(header)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException(src + ": JSON header is not an object");
            Set<String> seen = new HashSet<>();
            int tensors = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) throw new IOException(src + ": malformed JSON header: duplicate key '" + name + "'");
                p.nextToken();
                if (name.equals(METADATA_KEY)) {
                    readMetadata(p, src, metadata);
                    continue;
                }
                if (++tensors > SafeTensors.MAX_TENSORS) {
                    throw new IOException(src + ": more than " + SafeTensors.MAX_TENSORS + " tensors in one file");
                }
                readEntry(p, src, name, sink);
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException(src + ": malformed JSON header");
            if (p.nextToken() != null) throw new IOException(src + ": malformed JSON header: unexpected data after the object");
        } catch (JsonParseException e) {
            throw new IOException(src + ": malformed JSON header: " + e.getOriginalMessage().replace('\n', ' '));
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new IOException(src + ": malformed JSON header: " + e.getOriginalMessage().replace('\n', ' '));
        }
    }

    /** A first, allocation-free pass: syntax errors are reported as such before any content check. */
    private static void checkSyntax(byte[] header, String src) throws IOException {
        try (JsonParser p = FACTORY.createParser(header)) {
            while (p.nextToken() != null) { /* tokens only */ }
        } catch (JsonParseException | com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new IOException(src + ": malformed JSON header: " + e.getOriginalMessage().replace('\n', ' '));
        }
    }

    private static void readMetadata(JsonParser p, String src, Map<String, String> out) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new IOException(src + ": __metadata__ is not an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) throw new IOException(src + ": __metadata__ value of '" + key + "' is not a string");
            if (out.putIfAbsent(key, p.getText()) != null) throw new IOException(src + ": duplicate __metadata__ key '" + key + "'");
        }
    }

    private static void readEntry(JsonParser p, String src, String name, EntrySink sink) throws IOException {
        String what = src + ": tensor '" + name + "'";
        if (name.isEmpty()) throw new IOException(src + ": tensor with an empty name");
        if (p.currentToken() != JsonToken.START_OBJECT) throw new IOException(what + " is not a JSON object");
        String dtype = null;
        long[] shape = null, offsets = null;
        Set<String> fields = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (!fields.add(k)) throw new IOException(what + " has duplicate field '" + k + "'");
            JsonToken t = p.nextToken();
            switch (k) {
                case "dtype" -> {
                    if (t != JsonToken.VALUE_STRING) throw new IOException(what + " has no dtype");
                    dtype = p.getText();
                }
                case "shape" -> shape = integers(p, what, "shape", -1);
                case "data_offsets" -> offsets = integers(p, what, "data_offsets", 2);
                default -> throw new IOException(what + " has unknown field '" + k + "'");
            }
        }
        sink.accept(name, dtype, shape, offsets);
    }

    /** The current value as it reads in JSON: a string quoted, so {@code "1"} is not mistaken for a number. */
    private static String jsonText(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? '"' + p.getText() + '"' : p.getText();
    }

    /** A JSON array of integers that fit a long ({@code size} of them unless -1); a wrong element is named. */
    private static long[] integers(JsonParser p, String what, String field, int size) throws IOException {
        String expected = field.equals("shape") ? " has no shape array" : " has no valid data_offsets [begin, end]";
        if (p.currentToken() != JsonToken.START_ARRAY) throw new IOException(what + expected);
        List<Long> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new IOException(what + (field.equals("shape") ? " has invalid shape dimension " + jsonText(p) : expected));
            }
            if (values.size() >= 64) throw new IOException(what + " has more than 64 " + field + " entries");
            values.add(p.getLongValue());
        }
        if (size >= 0 && values.size() != size) throw new IOException(what + expected);
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }
}
