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
 * The state of an import while {@link OnnxImporter} walks the nodes: the constants, every computed
 * value so far (the layer that produces it and its per-sample shape), the layers and weights made
 * so far, and the report lines. {@link OpImporter}s read their node through it and add layers with
 * {@link #layer} (one data input: the node's input 0) or {@link #merge} (several).
 */
public final class ImportContext {
    private final Map<String, TensorProto> constants;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final Map<String, HostTensor> weights = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    /** A computed value: the layer that produces it ({@code input} for the model input) and its per-sample shape. */
    record Value(String layer, Shape shape) {}

    private final Map<String, Value> values = new HashMap<>();
    /** Values that are a Pad node's output: the padding, for the Conv that reads them to take. */
    private final Map<String, int[]> padded = new HashMap<>();
    private NodeProto node;
    private boolean padsTaken;

    ImportContext(Map<String, TensorProto> constants, String inputName, Shape input) {
        this.constants = constants;
        values.put(inputName, new Value(io.github.convnet4j.model.Model.INPUT, input));
    }

    void at(NodeProto node) {
        this.node = node;
        this.padsTaken = false;
    }

    /** The node being imported. */
    public NodeProto node() { return node; }

    /** The computed value of this name, or null (a constant, or not computed yet). */
    Value value(String name) { return values.get(name); }

    /** Makes {@code output} another name of {@code input}'s value: for nodes that add no layer. */
    void alias(String output, String input) { values.put(output, values.get(input)); }

    /** The per-sample shape of the node's data input (input 0). */
    public Shape shape() { return dataInput(0).shape(); }

    /** The per-sample shape of input {@code i}, a computed value. */
    public Shape inputShape(int i) { return dataInput(i).shape(); }

    /** Input {@code i} as a computed value. */
    private Value dataInput(int i) {
        if (!hasInput(i)) throw fail("input " + i + " is missing");
        Value v = values.get(node.getInput(i));
        if (v == null) throw fail("input " + node.getInput(i) + " must be computed from the graph input, but it is "
                + (constants.containsKey(node.getInput(i)) ? "a constant" : "not computed before this node"));
        return v;
    }

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
    public String layer(String type, Map<String, Object> config) { return add(type, config, 1); }

    /**
     * Adds a merge layer reading all the node's inputs (each a computed value), in their order.
     *
     * @return the layer's name
     */
    public String merge(String type, Map<String, Object> config) { return add(type, config, node.getInputCount()); }

    /**
     * Adds a layer reading the node's first {@code inputs} inputs; its {@code inputs} key is written
     * only where the layer does not simply read the layer made before it, so chains stay sequential specs.
     */
    private String add(String type, Map<String, Object> config, int inputs) {
        String prefix = LayerFactory.namePrefix(type);
        String name = prefix + "_" + counters.merge(prefix, 1, Integer::sum);
        List<String> sources = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            Value v = dataInput(i);
            sources.add(v.layer());
            shapes.add(v.shape());
        }
        String previous = layers.isEmpty() ? io.github.convnet4j.model.Model.INPUT : layers.get(layers.size() - 1).name();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        if (inputs != 1 || !sources.get(0).equals(previous)) c.put(LayerSpec.INPUTS, List.copyOf(sources));
        c.putAll(config);
        Shape out;
        Map<String, Object> layerConfig = new LinkedHashMap<>(c);
        layerConfig.remove(LayerSpec.INPUTS);
        try (AbstractLayer l = LayerFactory.create(type, name, layerConfig)) {
            out = l instanceof io.github.convnet4j.nn.MergeLayer m ? m.outputShape(shapes) : l.outputShape(shapes.get(0));
        } catch (RuntimeException e) {
            throw fail("as " + type + ": " + e.getMessage());
        }
        if (node.getOutputCount() < 1) throw fail("has no output");
        values.put(node.getOutput(0), new Value(name, out));
        layers.add(new LayerSpec(LayerFactory.canonicalType(type), c));
        report.add(describe(node) + " -> " + name + " (" + LayerFactory.canonicalType(type) + ")");
        return name;
    }

    /** Whether {@code value} is the output of the last layer made and that layer is a sigmoid activation. */
    boolean isLastLayerSigmoid(String value) {
        if (layers.isEmpty()) return false;
        LayerSpec last = layers.get(layers.size() - 1);
        Value v = values.get(value);
        return v != null && v.layer().equals(last.name()) && last.type().equals("Activation") && "sigmoid".equals(last.config().get("activation"));
    }

    /** The name of the value the last layer reads (its one input), or null. */
    boolean lastLayerReads(String value) {
        LayerSpec last = layers.get(layers.size() - 1);
        Value v = values.get(value);
        if (v == null) return false;
        List<String> in = last.inputs();
        String source = in == null ? (layers.size() == 1 ? io.github.convnet4j.model.Model.INPUT : layers.get(layers.size() - 2).name())
                : in.size() == 1 ? in.get(0) : null;
        return v.layer().equals(source);
    }

    /**
     * Turns the last layer (a sigmoid, see {@link #isLastLayerSigmoid}) into swish, for the Mul that
     * completes x*sigmoid(x); the Mul's output becomes another name of the swish's output.
     */
    void sigmoidBecomesSwish(String sigmoidValue) {
        LayerSpec last = layers.get(layers.size() - 1);
        layers.set(layers.size() - 1, last.with("activation", "swish"));
        values.put(node.getOutput(0), values.get(sigmoidValue));
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

    /**
     * Zero-padding a {@code Pad} node asked for, {@code [top, left, bottom, right]}: its output is
     * its input's value, padded by whichever Conv reads it (each Conv that reads it).
     */
    public void padNext(int[] pads) {
        alias(node.getOutput(0), node.getInput(0));
        padded.put(node.getOutput(0), pads);
    }

    /** Takes the padding of a {@code Pad} whose output the node reads, or null. */
    public int[] takePendingPads() {
        padsTaken = true;
        return padded.get(node.getInput(0));
    }

    /** Whether the node reads a Pad's output and did not take its padding. */
    boolean leftPadsUntaken() {
        for (String in : node.getInputList()) if (padded.containsKey(in) && !(padsTaken && in.equals(node.getInput(0)))) return true;
        return false;
    }

    List<LayerSpec> layers() { return layers; }

    Map<String, HostTensor> weights() { return weights; }

    List<String> report() { return report; }
}
