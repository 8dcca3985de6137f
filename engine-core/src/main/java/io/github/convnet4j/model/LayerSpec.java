package io.github.convnet4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of a {@link ModelSpec}: its Keras type name and its key/values. Within a {@code ModelSpec}
 * the type is canonical ({@code Conv2D}) and the config always holds a {@code name}.
 *
 * @param type   e.g. {@code Conv2D}
 * @param config e.g. {@code {name: conv2d_1, filters: 32, kernel_size: 3}}; deeply immutable
 */
public record LayerSpec(String type, Map<String, Object> config) {
    /** The config key naming a layer's inputs in a graph model. */
    public static final String INPUTS = "inputs";

    public LayerSpec {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("layer type is missing");
        config = freeze(config);
    }

    /** A spec from alternating keys and values, e.g. {@code LayerSpec.of("Dense", "units", 10)}. */
    public static LayerSpec of(String type, Object... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must alternate");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return new LayerSpec(type, m);
    }

    /** The layer's name, or null when not yet assigned. */
    public String name() { return config.get("name") instanceof String s ? s : null; }

    /**
     * The names this layer takes its inputs from (key {@code inputs}: a list of layer names, or
     * {@code input} for the model's input); null when the key is absent, meaning "the previous
     * layer" (or the model input for the first layer).
     *
     * @throws IllegalArgumentException when {@code inputs} is not a non-empty list of strings
     */
    public List<String> inputs() {
        Object v = config.get(INPUTS);
        if (v == null) return null;
        if (v instanceof String s) return List.of(s);
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("key 'inputs' must be a non-empty list of layer names, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) throw new IllegalArgumentException("key 'inputs' must hold layer names, got " + o);
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** The config without the graph key {@code inputs}: what the layer itself reads. */
    public Map<String, Object> layerConfig() {
        if (!config.containsKey(INPUTS)) return config;
        Map<String, Object> m = new LinkedHashMap<>(config);
        m.remove(INPUTS);
        return m;
    }

    /** This spec with another config value (e.g. {@code trainable: false} for transfer learning). */
    public LayerSpec with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(config);
        m.put(key, value);
        return new LayerSpec(type, m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : m.entrySet()) out.put(e.getKey(), freezeValue(e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object v) {
        if (v instanceof Map<?, ?> m) return freeze((Map<String, ?>) m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(freezeValue(o));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
