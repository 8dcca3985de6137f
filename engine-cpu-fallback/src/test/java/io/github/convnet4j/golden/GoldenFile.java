package io.github.convnet4j.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.tensor.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file of PyTorch golden values from {@code test-data} ({@code golden/<op>.json} on the class
 * path, written by {@code test-data/scripts/make_golden.py}). Every size is checked against the
 * data actually present, and the error names the file, case and tensor.
 *
 * @param resource the class-path resource it came from
 * @param cases    its cases, in file order
 */
public record GoldenFile(String resource, List<Case> cases) {
    /** Largest tensor a golden file may hold; the real ones are a few hundred values. */
    static final long MAX_ELEMENTS = 1 << 20;

    /** A stored tensor: shape and row-major values. */
    public record GoldenTensor(Shape shape, double[] data) {}

    /**
     * One case: its parameters and named tensors.
     *
     * @param name    e.g. {@code "3x3 stride 2 pad 1"}
     * @param params  op parameters as written by the script
     * @param tensors inputs (float32 values) and expected outputs
     */
    public record Case(String name, JsonNode params, Map<String, GoldenTensor> tensors) {
        /** The tensor called {@code key}; fails naming the case when it is missing. */
        public GoldenTensor tensor(String key) {
            GoldenTensor t = tensors.get(key);
            if (t == null) throw new IllegalStateException("golden case '" + name + "' has no tensor '" + key + "' (has " + tensors.keySet() + ")");
            return t;
        }

        /** Whether the case has a tensor called {@code key}. */
        public boolean has(String key) { return tensors.containsKey(key); }

        /** An int array parameter such as {@code "stride": [2, 2]}. */
        public int[] ints(String key) {
            JsonNode n = param(key);
            int[] v = new int[n.size()];
            for (int i = 0; i < v.length; i++) v[i] = n.get(i).intValue();
            return v;
        }

        /** A parameter node; fails naming the case when it is missing. */
        public JsonNode param(String key) {
            JsonNode n = params.get(key);
            if (n == null) throw new IllegalStateException("golden case '" + name + "' has no parameter '" + key + "'");
            return n;
        }
    }

    /** Loads {@code golden/<op>.json} from the class path. */
    public static GoldenFile load(String op) {
        String resource = "/golden/" + op + ".json";
        try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the class path (is test-data a test dependency?)");
            return parse(resource, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }

    /** Builds a file from its JSON tree, validating every tensor. */
    static GoldenFile parse(String resource, JsonNode root) {
        JsonNode cases = root.get("cases");
        if (cases == null || !cases.isArray()) throw new IllegalArgumentException(resource + ": no 'cases' array");
        List<Case> list = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.path("name").asText("?");
            JsonNode tensors = c.get("tensors");
            if (tensors == null || !tensors.isObject()) throw new IllegalArgumentException(resource + " case '" + name + "': no 'tensors' object");
            Map<String, GoldenTensor> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tensors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), tensor(resource + " case '" + name + "' tensor '" + e.getKey() + "'", e.getValue()));
            }
            list.add(new Case(name, c.path("params"), Map.copyOf(map)));
        }
        return new GoldenFile(resource, List.copyOf(list));
    }

    private static GoldenTensor tensor(String where, JsonNode node) {
        JsonNode shape = node.get("shape");
        JsonNode data = node.get("data");
        if (shape == null || !shape.isArray() || shape.isEmpty() || data == null || !data.isArray()) {
            throw new IllegalArgumentException(where + ": needs a non-empty 'shape' array and a 'data' array");
        }
        int[] dims = new int[shape.size()];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToInt() || d.intValue() <= 0) throw new IllegalArgumentException(where + ": dimension " + i + " is " + d + ", not a positive int");
            dims[i] = d.intValue();
            size *= dims[i];
            if (size > MAX_ELEMENTS) throw new IllegalArgumentException(where + ": shape " + shape + " exceeds " + MAX_ELEMENTS + " elements");
        }
        if (data.size() != size) throw new IllegalArgumentException(where + ": shape " + shape + " needs " + size + " values, found " + data.size());
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = data.get(i);
            if (!v.isNumber()) throw new IllegalArgumentException(where + ": value " + i + " is " + v + ", not a number");
            values[i] = v.doubleValue();
        }
        return new GoldenTensor(Shape.of(dims), values);
    }
}
