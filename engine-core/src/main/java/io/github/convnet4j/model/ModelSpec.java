package io.github.convnet4j.model;

import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.LayerFactory;
import io.github.convnet4j.nn.MergeLayer;
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
 * What a model is: its per-sample input shape and its layers, as a model file writes it. Layers run
 * one after another unless they name their {@code inputs}; then the model is a directed acyclic
 * graph (Keras's functional style), with an optional top-level {@code outputs} naming the output
 * layer (default: the last one).
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
 * // a branch and a merge: {"name": "b1", "type": "Conv2D", ..., "inputs": ["pool1"]},
 * //                      {"name": "mix", "type": "Concatenate", "inputs": ["b1", "b2"]}
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
    private final String output;
    private final SpecGraph graph;

    /** The name of a spec that gives none, as Keras names a Sequential model. */
    public static final String DEFAULT_NAME = "sequential";

    private ModelSpec(String name, Shape inputShape, List<LayerSpec> layers, List<String> classNames, String output, SpecGraph graph) {
        this.name = name == null ? DEFAULT_NAME : name;
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        this.classNames = List.copyOf(classNames);
        this.output = output;
        this.graph = graph;
    }

    /** A validated spec whose output is the last layer; see {@link #of(String, Shape, List, String)}. */
    public static ModelSpec of(String name, Shape inputShape, List<LayerSpec> layers) {
        return of(name, inputShape, layers, null);
    }

    /**
     * A validated spec: types made canonical, missing names assigned, every config checked.
     *
     * Layers may name their {@code inputs} (see {@link LayerSpec#inputs()}); the wiring is checked
     * here (unknown names, cycles, layers that reach no output, the number of inputs a layer takes).
     *
     * @param name       the model name; null means {@link #DEFAULT_NAME}
     * @param inputShape per sample: {@code (C, H, W)} or {@code (F)}
     * @param output     the name of the output layer ({@code outputs} in a file), or null for the last layer
     * @throws IllegalArgumentException one line naming the layer index, its name and the problem
     */
    public static ModelSpec of(String name, Shape inputShape, List<LayerSpec> layers, String output) {
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
            if (s.equals(SpecGraph.INPUT_NAME)) throw new IllegalArgumentException(where + ": the name 'input' is reserved for the model input");
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
            LayerSpec spec = new LayerSpec(type, config);
            try {
                List<String> inputs = spec.inputs();
                try (AbstractLayer layer = LayerFactory.create(type, layerName, spec.layerConfig())) {
                    int arity = inputs == null ? 1 : inputs.size();
                    boolean merge = layer instanceof MergeLayer;
                    if (merge && arity < 2) throw new IllegalArgumentException(type + " merges two or more inputs; name them in 'inputs'");
                    if (!merge && arity != 1) throw new IllegalArgumentException(type + " takes one input, 'inputs' names " + arity);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layerName + "): " + e.getMessage());
            }
            out.add(spec);
        }
        return new ModelSpec(name, inputShape, out, List.of(), output, SpecGraph.of(out, output));
    }

    /** Per-sample input shape: {@code (C, H, W)} (channels, height, width) or {@code (F)}. */
    public Shape inputShape() { return inputShape; }

    /** The layers, in order, with canonical types and names. */
    public List<LayerSpec> layers() { return layers; }

    /** The name of the output layer as given ({@code outputs}), or null when it is the last layer. */
    public String output() { return output; }

    /** The wiring of the layers. */
    SpecGraph graph() { return graph; }

    /** The model's name; {@link #DEFAULT_NAME} when the spec gave none. */
    public String name() { return name; }

    /**
     * The names of the classes, one per model output in output order; empty when the spec has none.
     * {@link Model#of} checks that their number equals the model's output size (or is two for a
     * single sigmoid output: the names of class 0 and class 1).
     */
    public List<String> classNames() { return classNames; }

    /** This spec under another name. */
    public ModelSpec withName(String newName) { return new ModelSpec(newName, inputShape, layers, classNames, output, graph); }

    /**
     * The part of this model that computes layer {@code layerName}: that layer and every layer it
     * depends on, in spec order, with it as the output (transfer learning: cut a trained model at a
     * named layer, then put a new head on it). Class names are dropped.
     *
     * @throws IllegalArgumentException when no layer has this name
     */
    public ModelSpec upTo(String layerName) {
        int at = -1;
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(layerName)) at = i;
        if (at < 0) {
            List<String> names = layers.stream().map(LayerSpec::name).toList();
            throw new IllegalArgumentException("no layer named '" + layerName + "' (layers: " + String.join(", ", names) + ")");
        }
        boolean[] keep = new boolean[layers.size()];
        keep[at] = true;
        for (int i = at; i >= 0; i--) {
            if (!keep[i]) continue;
            for (int j : graph.inputs()[i]) if (j != SpecGraph.MODEL_INPUT) keep[j] = true;
        }
        List<LayerSpec> kept = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!keep[i]) continue;
            LayerSpec l = layers.get(i);
            // a layer that read "the previous layer" names it now, since the previous one may be cut away
            kept.add(l.inputs() == null && i > 0 ? l.with(LayerSpec.INPUTS, List.of(layers.get(i - 1).name())) : l);
        }
        return of(name, inputShape, kept, layerName);
    }

    /** This spec with every layer's {@code trainable} set (freeze a base, or unfreeze it to fine-tune). */
    public ModelSpec withTrainable(boolean trainable) {
        List<LayerSpec> l = new ArrayList<>();
        for (LayerSpec s : layers) l.add(s.with("trainable", trainable));
        return of(name, inputShape, l, output).withClassNames(classNames);
    }

    /** This spec with layers appended after its output, the last of them the new output (a new head). */
    public ModelSpec withHead(List<LayerSpec> head) {
        List<LayerSpec> l = new ArrayList<>(layers);
        String previous = output != null ? output : layers.get(layers.size() - 1).name();
        for (int i = 0; i < head.size(); i++) {
            LayerSpec h = head.get(i);
            l.add(i == 0 && h.inputs() == null ? h.with(LayerSpec.INPUTS, List.of(previous)) : h);
        }
        return of(name, inputShape, l, head.get(head.size() - 1).name());
    }

    /** This spec with layer {@code index} replaced (validated again). */
    public ModelSpec withLayer(int index, LayerSpec layer) {
        List<LayerSpec> l = new ArrayList<>(layers);
        l.set(index, layer);
        return of(name, inputShape, l, output).withClassNames(classNames);
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
        return new ModelSpec(name, inputShape, layers, names, output, graph);
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
                && classNames.equals(s.classNames) && Objects.equals(output, s.output);
    }

    @Override public int hashCode() { return Objects.hash(name, inputShape, layers, classNames, output); }

    @Override public String toString() { return "ModelSpec " + (name == null ? "" : name + " ") + inputShape + " " + layers.size() + " layers"; }
}
