package io.github.convnet4j.model;

import io.github.convnet4j.nn.LayerFactory;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a sequential model is: its per-sample input shape and its layers, as a model file writes it.
 * Immutable and validated: every layer type and config key is known, every layer has a unique name
 * (assigned Keras-style, {@code conv2d_1}, {@code dense_2}, when absent). Shapes are checked later,
 * by {@link Model#of}.
 *
 * <pre>{@code
 * {
 *   "name": "keras-mnist",
 *   "input_shape": [1, 28, 28],          // channels, height, width (or [features])
 *   "layers": [
 *     {"type": "Conv2D", "filters": 32, "kernel_size": 3, "activation": "relu"},
 *     {"type": "MaxPooling2D", "pool_size": 2},
 *     {"type": "Flatten"},
 *     {"type": "Dense", "units": 10, "activation": "softmax", "trainable": false}
 *   ],
 *   "class_names": ["zero", "one", ...]  // optional: one name per output, used by predict/evaluate
 * }
 * }</pre>
 * The same structure may be written in YAML.
 */
public final class ModelSpec {
    /** Model files larger than this are refused before they are read. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    /** Most class names a spec may hold, and most characters in one. */
    private static final int MAX_CLASSES = 100_000, MAX_CLASS_NAME_CHARS = 200;

    private final String name;
    private final Shape inputShape;
    private final List<LayerSpec> layers;
    private final List<String> classNames;

    /** The name of a spec that gives none, as Keras names a Sequential model. */
    public static final String DEFAULT_NAME = "sequential";

    private ModelSpec(String name, Shape inputShape, List<LayerSpec> layers, List<String> classNames) {
        this.name = name == null ? DEFAULT_NAME : name;
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        this.classNames = List.copyOf(classNames);
    }

    /**
     * A validated spec: types made canonical, missing names assigned, every config checked.
     *
     * @param name       the model name; null means {@link #DEFAULT_NAME}
     * @param inputShape per sample: {@code (C, H, W)} or {@code (F)}
     * @throws IllegalArgumentException one line naming the layer index, its name and the problem
     */
    public static ModelSpec of(String name, Shape inputShape, List<LayerSpec> layers) {
        Objects.requireNonNull(inputShape, "input shape");
        if (inputShape.rank() != 1 && inputShape.rank() != 3) {
            throw new IllegalArgumentException("input_shape must be [channels, height, width] or [features], got " + inputShape);
        }
        if (layers.isEmpty()) throw new IllegalArgumentException("a model needs at least one layer");
        List<String> types = new ArrayList<>();
        Map<String, Integer> explicit = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            String where = "layer " + i + (l.name() != null ? " (" + l.name() + ")" : "");
            try {
                types.add(LayerFactory.canonicalType(l.type()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            Object n = l.config().get("name");
            if (n == null) continue;
            if (!(n instanceof String s) || !NAME.matcher(s).matches()) {
                throw new IllegalArgumentException(where + ": key 'name' must be a string of letters, digits, '_', '.' or '-', got " + n);
            }
            Integer previous = explicit.putIfAbsent(s, i);
            if (previous != null) throw new IllegalArgumentException(where + ": name '" + s + "' is already used by layer " + previous);
        }
        Map<String, Integer> counters = new HashMap<>();
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            String type = types.get(i);
            String layerName = l.name();
            if (layerName == null) {
                String prefix = LayerFactory.namePrefix(type);
                do {
                    layerName = prefix + "_" + counters.merge(prefix, 1, Integer::sum);
                } while (explicit.containsKey(layerName));
                explicit.put(layerName, i);
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", layerName);
            l.config().forEach((k, v) -> { if (!k.equals("name")) config.put(k, v); });
            try {
                LayerFactory.create(type, layerName, config).close();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layerName + "): " + e.getMessage());
            }
            out.add(new LayerSpec(type, config));
        }
        return new ModelSpec(name, inputShape, out, List.of());
    }

    /** Per-sample input shape: {@code (C, H, W)} (channels, height, width) or {@code (F)}. */
    public Shape inputShape() { return inputShape; }

    /** The layers, in order, with canonical types and names. */
    public List<LayerSpec> layers() { return layers; }

    /** The model's name; {@link #DEFAULT_NAME} when the spec gave none. */
    public String name() { return name; }

    /**
     * The names of the classes, one per model output in output order; empty when the spec has none.
     * {@link Model#of} checks that their number equals the model's output size (or is two for a
     * single sigmoid output: the names of class 0 and class 1).
     */
    public List<String> classNames() { return classNames; }

    /** This spec under another name. */
    public ModelSpec withName(String newName) { return new ModelSpec(newName, inputShape, layers, classNames); }

    /** This spec with layer {@code index} replaced (validated again). */
    public ModelSpec withLayer(int index, LayerSpec layer) {
        List<LayerSpec> l = new ArrayList<>(layers);
        l.set(index, layer);
        return of(name, inputShape, l).withClassNames(classNames);
    }

    /**
     * This spec with these class names (empty for none).
     *
     * @throws IllegalArgumentException naming the first blank, over-long, multi-line or repeated name
     */
    public ModelSpec withClassNames(List<String> names) {
        Objects.requireNonNull(names, "class names");
        if (names.size() > MAX_CLASSES) throw new IllegalArgumentException("class_names: " + names.size() + " names (at most " + MAX_CLASSES + ")");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank()) throw new IllegalArgumentException("class_names[" + i + "] is empty");
            if (n.length() > MAX_CLASS_NAME_CHARS) {
                throw new IllegalArgumentException("class_names[" + i + "] has " + n.length() + " characters (at most " + MAX_CLASS_NAME_CHARS + ")");
            }
            if (n.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("class_names[" + i + "] contains a control character");
            Integer previous = seen.putIfAbsent(n, i);
            if (previous != null) throw new IllegalArgumentException("class_names[" + i + "] '" + n + "' repeats class_names[" + previous + "]");
        }
        return new ModelSpec(name, inputShape, layers, names);
    }

    /**
     * Parses a model file's text, JSON or YAML: by the source name's extension ({@code .json},
     * {@code .yaml}, {@code .yml}), otherwise JSON when the text starts with <code>{</code>. Layer
     * indices in messages count from 0, as positions in the {@code layers} list.
     *
     * @param sourceName named in errors and used for the format, e.g. {@code model.json}
     * @throws IllegalArgumentException one line: {@code "model.json: layer 3 (dense_1): unknown key 'unit' (did you mean 'units'?)"}
     */
    public static ModelSpec parse(String text, String sourceName) {
        return ModelSpecReader.parse(text, sourceName);
    }

    /** Reads and parses a model file (at most {@link #MAX_FILE_BYTES}). */
    public static ModelSpec read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(path + ": " + size + " bytes is larger than the " + MAX_FILE_BYTES + "-byte limit for a model spec");
        }
        return parse(Files.readString(path), path.getFileName().toString());
    }

    /** Pretty JSON that {@link #parse} reads back into an equal spec. */
    public String toJson() { return ModelSpecReader.write(this, false); }

    /** The same content as YAML. */
    public String toYaml() { return ModelSpecReader.write(this, true); }

    @Override public boolean equals(Object o) {
        return o instanceof ModelSpec s && Objects.equals(name, s.name) && inputShape.equals(s.inputShape) && layers.equals(s.layers)
                && classNames.equals(s.classNames);
    }

    @Override public int hashCode() { return Objects.hash(name, inputShape, layers, classNames); }

    @Override public String toString() { return "ModelSpec " + (name == null ? "" : name + " ") + inputShape + " " + layers.size() + " layers"; }
}
