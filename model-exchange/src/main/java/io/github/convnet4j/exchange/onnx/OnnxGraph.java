package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.exchange.onnx.proto.OnnxProto.AttributeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.GraphProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.NodeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorProto;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.util.HashSet;
import java.util.Set;

/**
 * A graph under construction for the exporter: nodes in the order they are added (which is a
 * topological order, since each emitter consumes values that exist), float32 initializers, and
 * unique value names derived from layer names.
 */
public final class OnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    /** The protobuf graph as built so far. */
    GraphProto.Builder proto() { return graph; }

    /** A value name not used yet: {@code base}, else {@code base_2}, {@code base_3}, ... */
    public String fresh(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) name = base + "_" + i;
        return name;
    }

    /**
     * Adds a float32 initializer.
     *
     * @return its value name ({@code name}, made unique)
     */
    public String initializer(String name, HostTensor t) {
        String unique = fresh(name);
        TensorProto.Builder b = TensorProto.newBuilder().setName(unique).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int d : t.shape().dims()) b.addDims(d);
        for (float v : t.data()) b.addFloatData(v);
        graph.addInitializer(b);
        return unique;
    }

    /** Adds an int64 initializer of shape {@code (values.length)} (e.g. a Reshape target). */
    public String int64s(String name, long... values) {
        String unique = fresh(name);
        TensorProto.Builder b = TensorProto.newBuilder().setName(unique).setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) b.addInt64Data(v);
        graph.addInitializer(b);
        return unique;
    }

    /** A float32 initializer of {@code shape} filled with {@code value}. */
    public String constant(String name, Shape shape, float value) {
        float[] data = new float[Math.toIntExact(shape.size())];
        java.util.Arrays.fill(data, value);
        return initializer(name, new HostTensor(shape, data));
    }

    /**
     * Adds a node with one output.
     *
     * @param opType     the ONNX operator, e.g. {@code Conv}
     * @param name       node name (made unique); its output value gets the same name
     * @param inputs     input value names
     * @param attributes built attributes, see {@link #ints}, {@link #f}, {@link #i}
     * @return the output value name
     */
    public String node(String opType, String name, String[] inputs, AttributeProto... attributes) {
        String out = fresh(name);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out).addOutput(out);
        for (String in : inputs) n.addInput(in);
        for (AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
        return out;
    }

    /** An INTS attribute. */
    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    /** An INT attribute. */
    public static AttributeProto i(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A FLOAT attribute. */
    public static AttributeProto f(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) value).build();
    }
}
