package io.github.convnet4j.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** JSON/YAML to {@link ModelSpec} and back. Every error is one line starting with the source name. */
final class ModelSpecReader {
    private static final List<String> TOP_KEYS = List.of("name", "input_shape", "layers", "class_names", "outputs");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelSpecReader() {}

    static ModelSpec parse(String text, String source) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        boolean json = lower.endsWith(".json") || !(lower.endsWith(".yaml") || lower.endsWith(".yml")) && text.stripLeading().startsWith("{");
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException(source + ": invalid " + (json ? "JSON" : "YAML") + where + ": "
                    + e.getOriginalMessage().replace('\n', ' '));
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected an object with input_shape and layers");
        try {
            return build(root, !json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static ModelSpec build(JsonNode root, boolean yaml) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP_KEYS.contains(k)) {
                String near = k.startsWith("layer") ? "layers" : k.startsWith("input") ? "input_shape" : null;
                throw new IllegalArgumentException("unknown key '" + k + "'" + (near != null ? " (did you mean '" + near + "'?)" : " (known keys: name, input_shape, layers, outputs, class_names)"));
            }
        }
        String name = null;
        if (root.has("name") && !root.get("name").isNull()) {
            if (!root.get("name").isTextual()) throw new IllegalArgumentException("key 'name' must be a string");
            name = root.get("name").asText();
        }
        JsonNode shape = root.get("input_shape");
        if (shape == null) throw new IllegalArgumentException("missing key 'input_shape' (channels, height, width), e.g. [1, 28, 28]");
        if (!shape.isArray() || (shape.size() != 3 && shape.size() != 1)) {
            throw new IllegalArgumentException("input_shape must be [channels, height, width] or [features], got " + shape);
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 1) {
                throw new IllegalArgumentException("input_shape must hold positive integers, got " + shape);
            }
            dims[i] = d.intValue();
        }
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) throw new IllegalArgumentException("missing key 'layers' (a list of layer objects)");
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode l = layers.get(i);
            if (!l.isObject()) throw new IllegalArgumentException("layer " + i + ": expected an object with a 'type', got " + l);
            Map<String, Object> config = new LinkedHashMap<>();
            String type = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("type")) {
                    if (!e.getValue().isTextual()) throw new IllegalArgumentException("layer " + i + ": key 'type' must be a string");
                    type = e.getValue().asText();
                } else {
                    config.put(e.getKey(), toJava(e.getValue(), yaml));
                }
            }
            if (type == null) {
                String n = config.get("name") instanceof String s ? " (" + s + ")" : "";
                throw new IllegalArgumentException("layer " + i + n + ": missing key 'type'");
            }
            specs.add(new LayerSpec(type, config));
        }
        return ModelSpec.of(name, Shape.of(dims), specs, outputName(root.get("outputs"))).withClassNames(classNames(root.get("class_names")));
    }

    /** {@code outputs: name} or {@code outputs: [name]}: one output layer. */
    private static String outputName(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isArray() && node.size() == 1) node = node.get(0);
        else if (node.isArray()) throw new IllegalArgumentException("outputs: a model has one output layer, got " + node.size());
        if (!node.isTextual()) throw new IllegalArgumentException("outputs must name a layer, got " + node);
        return node.asText();
    }

    private static List<String> classNames(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new IllegalArgumentException("class_names must be a list of strings, got " + node.getNodeType());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            if (!n.isTextual() && !n.isNumber()) throw new IllegalArgumentException("class_names[" + i + "] must be a string, got " + n);
            names.add(n.asText());
        }
        return names;
    }

    /**
     * A tree node as plain Java values. YAML 1.1 reads {@code 1e-3} (no dot) as text, so in YAML
     * text that is exactly a decimal number becomes a number.
     */
    private static Object toJava(JsonNode n, boolean yaml) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toJava(e.getValue(), yaml)));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(toJava(x, yaml)));
            return l;
        }
        if (n.isIntegralNumber()) return n.canConvertToInt() ? (Object) n.intValue() : (Object) n.longValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNull()) return null;
        String s = n.asText();
        if (yaml && NUMBER.matcher(s).matches()) {
            double d = Double.parseDouble(s);
            if (s.matches("[-+]?\\d+") && d == (int) d) return (int) d;
            return d;
        }
        return s;
    }

    static String write(ModelSpec spec, boolean yaml) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (spec.name() != null) root.put("name", spec.name());
        root.put("input_shape", spec.inputShape().dims());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", l.type());
            m.putAll(l.config());
            layers.add(m);
        }
        root.put("layers", layers);
        if (spec.output() != null) root.put("outputs", spec.output());
        if (!spec.classNames().isEmpty()) root.put("class_names", spec.classNames());
        try {
            return (yaml ? YAML : JSON).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write model spec: " + e.getOriginalMessage(), e);
        }
    }
}
