package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.exchange.onnx.proto.OnnxProto.AttributeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.NodeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorProto;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.LayerFactory;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of an import while {@link OnnxImporter} walks the nodes: the constants, the per-sample
 * shape of the value flowing through the chain, the layers and weights made so far, and the report
 * lines. {@link OpImporter}s read their node through it and add layers with {@link #layer}.
 */
public final class ImportContext {
    private final Map<String, TensorProto> constants;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final Map<String, HostTensor> weights = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private Shape shape;
    private NodeProto node;
    private int[] pendingPads;

    ImportContext(Map<String, TensorProto> constants, Shape input) {
        this.constants = constants;
        this.shape = input;
    }

    void at(NodeProto node) { this.node = node; }

    /** The node being imported. */
    public NodeProto node() { return node; }

    /** The per-sample shape of the node's data input. */
    public Shape shape() { return shape; }

    /** An error about the current node, as one line naming it. */
    public IllegalArgumentException fail(String message) {
        return new IllegalArgumentException("node " + describe(node) + ": " + message);
    }

    static String describe(NodeProto n) {
        return (n.getName().isEmpty() ? "#" + n.getOutput(0) : n.getName()) + " (" + n.getOpType() + ")";
    }

    /**
     * Adds a layer after the current one: named Keras-style ({@code conv2d_1}), validated, and the
     * flowing shape advanced.
     *
     * @return the layer's name, under which {@link #weight} files its parameters
     */
    public String layer(String type, Map<String, Object> config) {
        String prefix = LayerFactory.namePrefix(type);
        String name = prefix + "_" + counters.merge(prefix, 1, Integer::sum);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.putAll(config);
        try (AbstractLayer l = LayerFactory.create(type, name, c)) {
            shape = l.outputShape(shape);
        } catch (RuntimeException e) {
            throw fail("as " + type + ": " + e.getMessage());
        }
        layers.add(new LayerSpec(LayerFactory.canonicalType(type), c));
        report.add(describe(node) + " -> " + name + " (" + LayerFactory.canonicalType(type) + ")");
        return name;
    }

    /** Whether the last layer made is a sigmoid activation that is the whole of the previous node. */
    boolean lastLayerIsSigmoid() {
        if (layers.isEmpty()) return false;
        LayerSpec last = layers.get(layers.size() - 1);
        return last.type().equals("Activation") && "sigmoid".equals(last.config().get("activation"));
    }

    /** Turns the last layer (a sigmoid, see {@link #lastLayerIsSigmoid}) into swish, for the Mul that completes x*sigmoid(x). */
    void sigmoidBecomesSwish() {
        LayerSpec last = layers.get(layers.size() - 1);
        layers.set(layers.size() - 1, last.with("activation", "swish"));
        report.add(describe(node) + ": with the sigmoid before it, " + last.name() + " is swish");
    }

    /** Files a parameter of a layer made by {@link #layer}, as {@code <layer>/<param>}. */
    public void weight(String layer, String param, HostTensor t) { weights.put(layer + "/" + param, t); }

    /** A note for the import report about the current node (e.g. that it was folded away). */
    public void note(String text) { report.add(describe(node) + ": " + text); }

    /** Whether input {@code i} of the node is given (optional inputs may be absent or empty). */
    public boolean hasInput(int i) { return node.getInputCount() > i && !node.getInput(i).isEmpty(); }

    /** Input {@code i} as a float32 constant (an initializer or a Constant node's value). */
    public HostTensor floats(int i) {
        return OnnxTensors.floats(constant(i), "node " + describe(node) + " input " + node.getInput(i));
    }

    /** Input {@code i} as an integer constant. */
    public long[] longs(int i) {
        return OnnxTensors.longs(constant(i), "node " + describe(node) + " input " + node.getInput(i));
    }

    private TensorProto constant(int i) {
        if (!hasInput(i)) throw fail("input " + i + " is missing");
        TensorProto t = constants.get(node.getInput(i));
        if (t == null) throw fail("input " + node.getInput(i) + " must be a constant (an initializer), but it is computed");
        return t;
    }

    private AttributeProto attribute(String name) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a;
        return null;
    }

    /** An INT attribute, or {@code otherwise}. */
    public long intAttribute(String name, long otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getI();
    }

    /** A FLOAT attribute, or {@code otherwise}. */
    public double floatAttribute(String name, double otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getF();
    }

    /** A STRING attribute, or {@code otherwise}. */
    public String stringAttribute(String name, String otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getS().toStringUtf8();
    }

    /** An INTS attribute as ints (each checked to fit), or {@code otherwise}. */
    public int[] intsAttribute(String name, int[] otherwise) {
        AttributeProto a = attribute(name);
        if (a == null) return otherwise;
        int[] out = new int[a.getIntsCount()];
        for (int i = 0; i < out.length; i++) {
            long v = a.getInts(i);
            if (v < -(1L << 20) || v > (1L << 20)) throw fail("attribute " + name + " value " + v + " is out of range");
            out[i] = (int) v;
        }
        return out;
    }

    /** Zero-padding a {@code Pad} node asked for, to be taken by the next Conv: {@code [top, left, bottom, right]}. */
    public void padNext(int[] pads) { pendingPads = pads; }

    /** Takes the padding left by a preceding {@code Pad}, or null. */
    public int[] takePendingPads() {
        int[] p = pendingPads;
        pendingPads = null;
        return p;
    }

    boolean hasPendingPads() { return pendingPads != null; }

    List<LayerSpec> layers() { return layers; }

    Map<String, HostTensor> weights() { return weights; }

    List<String> report() { return report; }
}
