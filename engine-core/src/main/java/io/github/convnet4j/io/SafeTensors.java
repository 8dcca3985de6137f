package io.github.convnet4j.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length {@code n}, {@code n} bytes of UTF-8 JSON
 * <pre>{"__metadata__": {"key": "value"}, "name": {"dtype": "F32", "shape": [32, 1, 3, 3], "data_offsets": [begin, end]}}</pre>
 * then the raw little-endian tensor data, offsets relative to the end of the header.
 * Only F32 tensors are written; {@link #read(Path)} accepts F32 only, {@link #readConverting} also
 * what other frameworks write. Reading checks every size against the file; any
 * inconsistency is an {@link IOException} with a one-line message that names the file.
 */
public final class SafeTensors {
    /** Largest header we accept; real headers are kilobytes, so this only stops hostile files. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SafeTensors() {}

    /**
     * Writes {@code tensors} (as F32, in the map's iteration order) and {@code metadata} to
     * {@code file}, atomically via {@link AtomicFiles}.
     *
     * @throws IllegalArgumentException for an empty name or the reserved name {@code __metadata__}
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(k, v));
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException(file.getFileName() + ": invalid tensor name '" + name + "'");
            }
            HostTensor t = e.getValue();
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape().dims()) shape.add(d);
            long end = offset + 4L * t.data().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        // Pad with spaces so the data starts 8-byte aligned, as the reference implementation does.
        int padded = (json.length + 7) & ~7;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) prefix.put((byte) ' ');

        AtomicFiles.write(file, out -> {
            out.write(prefix.array());
            for (HostTensor t : tensors.values()) writeFloats(out, t.data());
        });
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.capacity() / 4;
        for (int i = 0; i < data.length; i += perChunk) {
            int n = Math.min(perChunk, data.length - i);
            chunk.clear();
            chunk.asFloatBuffer().put(data, i, n);
            out.write(chunk.array(), 0, 4 * n);
        }
    }

    /**
     * Reads a safetensors file holding only F32 tensors.
     *
     * @throws IOException naming the file, for a short or truncated file, a header length beyond the
     *                     file or {@link #MAX_HEADER_BYTES}, malformed JSON, a dtype other than F32,
     *                     or data offsets that are out of range, overlap, leave gaps or do not match
     *                     dtype × shape
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        return read(file, false).file();
    }

    /**
     * Reads a safetensors file as other frameworks write it: F32 as is, F64, F16 and BF16 converted
     * to float32 ({@link FloatFormats}), I64 tensors (bookkeeping such as PyTorch's
     * {@code num_batches_tracked}) checked but left out. Every size is checked as in {@link #read(Path)}.
     *
     * @throws IOException as {@link #read(Path)}; any other dtype is refused naming the tensor
     */
    public static Converted readConverting(Path file) throws IOException {
        return read(file, true);
    }

    /**
     * A file read by {@link #readConverting}.
     *
     * @param file         the float32 tensors and the metadata
     * @param storedDtypes every tensor's dtype in the file, including the I64 ones left out of {@code file}
     */
    public record Converted(SafeTensorsFile file, Map<String, String> storedDtypes) {}

    private static Converted read(Path file, boolean convert) throws IOException {
        String src = String.valueOf(file.getFileName());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileLength = ch.size();
            if (fileLength < 8) throw new IOException(src + ": too short to be a safetensors file (" + fileLength + " bytes)");
            ByteBuffer lenBuf = readFully(ch, 0, 8, src).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = lenBuf.getLong();
            if (headerLength < 2 || headerLength > fileLength - 8 || headerLength > MAX_HEADER_BYTES) {
                throw new IOException(src + ": header length " + Long.toUnsignedString(headerLength)
                        + " is out of range (file has " + fileLength + " bytes, limit " + MAX_HEADER_BYTES + ")");
            }
            byte[] headerBytes = readFully(ch, 8, (int) headerLength, src).array();
            long dataStart = 8 + headerLength;
            long dataLength = fileLength - dataStart;

            JsonNode root;
            try {
                root = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new IOException(src + ": malformed JSON header: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) throw new IOException(src + ": JSON header is not an object");

            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals(METADATA_KEY)) {
                    readMetadata(src, f.getValue(), metadata);
                } else {
                    entries.add(parseEntry(src, f.getKey(), f.getValue(), dataLength, convert));
                }
            }
            checkLayout(src, entries, dataLength);

            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            Map<String, String> dtypes = new LinkedHashMap<>();
            for (Entry e : entries) {
                dtypes.put(e.name, e.dtype);
                if (e.dtype.equals("I64")) continue;
                ByteBuffer bytes = readFully(ch, dataStart + e.begin, Math.toIntExact(e.end - e.begin), src).order(ByteOrder.LITTLE_ENDIAN);
                float[] data = new float[Math.toIntExact(e.shape.size())];
                switch (e.dtype) {
                    case "F32" -> bytes.asFloatBuffer().get(data);
                    case "F64" -> { for (int i = 0; i < data.length; i++) data[i] = (float) bytes.getDouble(); }
                    case "F16" -> { for (int i = 0; i < data.length; i++) data[i] = FloatFormats.halfToFloat(bytes.getShort()); }
                    case "BF16" -> { for (int i = 0; i < data.length; i++) data[i] = FloatFormats.bfloat16ToFloat(bytes.getShort()); }
                    default -> throw new IllegalStateException(e.dtype);
                }
                tensors.put(e.name, new HostTensor(e.shape, data));
            }
            return new Converted(new SafeTensorsFile(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata)),
                    Collections.unmodifiableMap(dtypes));
        }
    }

    private record Entry(String name, String dtype, Shape shape, long begin, long end) {}

    /** Bytes per element of the dtypes {@link #readConverting} takes. */
    private static final Map<String, Integer> ELEMENT_BYTES = Map.of("F32", 4, "F64", 8, "F16", 2, "BF16", 2, "I64", 8);

    private static void readMetadata(String src, JsonNode node, Map<String, String> out) throws IOException {
        if (!node.isObject()) throw new IOException(src + ": __metadata__ is not an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) throw new IOException(src + ": __metadata__ value of '" + f.getKey() + "' is not a string");
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static Entry parseEntry(String src, String name, JsonNode node, long dataLength, boolean convert) throws IOException {
        String what = src + ": tensor '" + name + "'";
        if (name.isEmpty()) throw new IOException(src + ": tensor with an empty name");
        if (!node.isObject()) throw new IOException(what + " is not a JSON object");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new IOException(what + " has unknown field '" + k + "'");
            }
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) throw new IOException(what + " has no dtype");
        String type = dtype.textValue();
        if (convert ? !ELEMENT_BYTES.containsKey(type) : !type.equals("F32")) {
            throw new IOException(what + " has dtype " + type + "; only " + (convert ? "F32, F64, F16, BF16 and I64 are" : "F32 is") + " supported");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) throw new IOException(what + " has no shape array");
        int[] dims = new int[shapeNode.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new IOException(what + " has invalid shape dimension " + d);
            }
            dims[i] = d.intValue();
            if (dims[i] == 0) throw new IOException(what + " has a zero-sized dimension, which is not supported");
        }
        JsonNode offs = node.get("data_offsets");
        if (offs == null || !offs.isArray() || offs.size() != 2
                || !offs.get(0).isIntegralNumber() || !offs.get(0).canConvertToLong()
                || !offs.get(1).isIntegralNumber() || !offs.get(1).canConvertToLong()) {
            throw new IOException(what + " has no valid data_offsets [begin, end]");
        }
        long begin = offs.get(0).longValue(), end = offs.get(1).longValue();
        String range = "data_offsets [" + begin + ", " + end + ")";
        if (begin < 0 || end < begin || end > dataLength) {
            throw new IOException(what + " " + range + " out of range (data section has " + dataLength + " bytes)");
        }
        String shapeText = shapeText(dims);
        long elements = 1;
        long bytes;
        try {
            for (int d : dims) elements = Math.multiplyExact(elements, d);
            bytes = Math.multiplyExact(elements, (long) ELEMENT_BYTES.get(type));
        } catch (ArithmeticException e) {
            throw new IOException(what + " shape " + shapeText + " is too large");
        }
        if (end - begin != bytes) {
            throw new IOException(what + " " + range + " do not match shape " + shapeText + " " + type + " (" + bytes + " bytes)");
        }
        if (elements > Integer.MAX_VALUE - 8) throw new IOException(what + " shape " + shapeText + " has too many elements for one array");
        return new Entry(name, type, Shape.of(dims), begin, end);
    }

    /** Tensors must tile the data section exactly: no overlaps, no gaps, nothing trailing. */
    private static void checkLayout(String src, List<Entry> entries, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long cursor = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < cursor) {
                throw new IOException(src + ": tensor '" + e.name + "' data_offsets [" + e.begin + ", " + e.end
                        + ") overlap tensor '" + previous.name + "' [" + previous.begin + ", " + previous.end + ")");
            }
            if (e.begin > cursor) {
                throw new IOException(src + ": gap of " + (e.begin - cursor) + " bytes before tensor '" + e.name + "' at offset " + cursor);
            }
            cursor = e.end;
            previous = e;
        }
        if (cursor != dataLength) {
            throw new IOException(src + ": " + (dataLength - cursor) + " bytes of data after the last tensor (data section has " + dataLength + " bytes)");
        }
    }

    private static String shapeText(int[] dims) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) { if (i > 0) b.append(", "); b.append(dims[i]); }
        return b.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, String src) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) throw new IOException(src + ": truncated at byte " + (position + buf.position()));
        }
        return buf.flip();
    }
}
