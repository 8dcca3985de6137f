package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ModelProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TypeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ValueInfoProto;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as an ONNX file (opset {@value #OPSET}, IR version {@value #IR_VERSION}): input
 * {@code input (N, C, H, W)} float32 with a symbolic batch dimension {@code N}, output
 * {@code output (N, F)} as {@code convnet predict} gives it (the final softmax or sigmoid included),
 * weights as initializers named like our parameters ({@code conv2d_1/kernel}). Inference semantics:
 * dropout is the identity and batch norm uses the moving statistics.
 */
public final class OnnxExporter {
    /** The ONNX operator set the graph is written against. */
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    public static final int IR_VERSION = 8;

    private OnnxExporter() {}

    /**
     * The ONNX model for a spec and its weights.
     *
     * @param weights every parameter by name {@code <layer>/<param>}
     * @throws IllegalArgumentException one line naming the first layer whose type has no emitter, or a missing tensor
     */
    public static ModelProto toProto(ModelSpec spec, Map<String, HostTensor> weights) {
        Model model = Model.of(spec);
        OnnxGraph g = new OnnxGraph();
        EmitContext ctx = new EmitContext(g, weights);
        String x = g.fresh("input");
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerEmitter e = LayerEmitters.forType(layer.type()).orElseThrow(() -> new IllegalArgumentException(
                    "layer " + layer.name() + ": type " + layer.type() + " has no ONNX export yet"));
            x = e.emit(ctx, layer, model.layerInputShape(i), x);
        }
        String output = g.node("Identity", "output", new String[] {x});
        g.proto().setName(spec.name() == null ? "convnet4j" : spec.name())
                .addInput(value("input", model.inputShape()))
                .addOutput(value(output, model.outputShape()));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("convnet4j")
                .setProducerVersion("0.1.0")
                .setGraph(g.proto())
                .build();
    }

    /** Writes {@link #toProto} to {@code file} atomically (temp file, flush, rename). */
    public static void write(ModelSpec spec, Map<String, HostTensor> weights, Path file) throws IOException {
        ModelProto proto = toProto(spec, weights);
        AtomicFiles.write(file, proto::writeTo);
    }

    private static ValueInfoProto value(String name, Shape sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : sample.dims()) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
