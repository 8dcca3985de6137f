package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.exchange.onnx.proto.OnnxProto.AttributeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.GraphProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ModelProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.NodeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ValueInfoProto;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an ONNX graph into one of our sequential models. The graph must be a chain: one float
 * input {@code (N, C, H, W)} or {@code (N, F)}, each node consuming the previous node's output (plus
 * constants), ending at the one graph output. Each node goes through the {@link OpImporter} of its
 * operator; an operator without one is refused in one line naming the operator and the node.
 * Layers get our usual names ({@code conv2d_1}, {@code dense_1}, ...); the report lists which node
 * became which layer.
 */
public final class OnnxImporter {
    /** Oldest default-domain opset whose operator semantics the importers assume (Softmax over one axis came in 13). */
    public static final int MIN_OPSET = 13;

    private OnnxImporter() {}

    /**
     * The model and its report.
     *
     * @param model  our model: architecture and weights ({@code <layer>/<param>})
     * @param report one line per node: the layer it became, or why it added none
     */
    public record Result(LoadedModel model, List<String> report) {}

    /** Reads and imports an ONNX file. */
    public static Result read(Path file) throws IOException {
        ModelProto proto = OnnxFile.read(file);
        try {
            return convert(proto, file.getFileName().toString().replaceFirst("\\.onnx$", ""), String.valueOf(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /**
     * Imports a parsed model.
     *
     * @throws IllegalArgumentException one line naming the node, operator, tensor or input that does not fit
     */
    public static Result convert(ModelProto proto, String name, String source) {
        checkOpset(proto);
        GraphProto g = proto.getGraph();
        Map<String, TensorProto> constants = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) constants.put(t.getName(), t);
        ValueInfoProto input = dataInput(g, constants);
        ImportContext ctx = new ImportContext(constants, sampleShape(input));
        String current = input.getName(), before = null;
        for (NodeProto node : g.getNodeList()) {
            ctx.at(node);
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                throw ctx.fail("operator of domain '" + node.getDomain() + "' is not supported");
            }
            if (node.getOpType().equals("Constant")) {
                constants.put(node.getOutput(0), constantValue(ctx, node));
                continue;
            }
            if (isSwishTail(node, before, current) && ctx.lastLayerIsSigmoid()) {
                // x * sigmoid(x): how PyTorch writes SiLU and we write swish.
                ctx.sigmoidBecomesSwish();
                current = node.getOutput(0);
                continue;
            }
            if (node.getInputCount() == 0 || !node.getInput(0).equals(current)) {
                throw ctx.fail("its input " + (node.getInputCount() == 0 ? "(none)" : node.getInput(0)) + " is not the output of the node before ("
                        + current + "); only chains of layers import");
            }
            for (int i = 1; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(current)) throw ctx.fail("uses the flowing value twice; only chains of layers import");
            }
            if (node.getOutputCount() < 1) throw ctx.fail("has no output");
            OpImporter importer = OpImporters.forOp(node.getOpType()).orElseThrow(() -> ctx.fail("operator " + node.getOpType()
                    + " is not supported (supported: " + String.join(", ", OpImporters.ops()) + ")"));
            boolean padPending = ctx.hasPendingPads();
            importer.apply(ctx);
            if (padPending && ctx.hasPendingPads()) throw ctx.fail("a Pad node before it pads; only a Conv can take that padding");
            before = current;
            current = node.getOutput(0);
        }
        if (g.getOutputCount() != 1 || !g.getOutput(0).getName().equals(current)) {
            throw new IllegalArgumentException("the graph output must be the last node's output " + current);
        }
        if (ctx.layers().isEmpty()) throw new IllegalArgumentException("the graph has no layers");
        ModelSpec spec = ModelSpec.of(name, sampleShape(input), ctx.layers());
        return new Result(new LoadedModel(spec, ctx.weights(), source), List.copyOf(ctx.report()));
    }

    private static boolean isSwishTail(NodeProto node, String before, String current) {
        if (!node.getOpType().equals("Mul") || node.getInputCount() != 2 || before == null) return false;
        return node.getInput(0).equals(before) && node.getInput(1).equals(current)
                || node.getInput(0).equals(current) && node.getInput(1).equals(before);
    }

    private static void checkOpset(ModelProto proto) {
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if ((o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) && o.getVersion() < MIN_OPSET) {
                throw new IllegalArgumentException("opset " + o.getVersion() + " is older than " + MIN_OPSET + "; re-export with opset_version >= " + MIN_OPSET);
            }
        }
    }

    /** The one graph input that is not an initializer. */
    private static ValueInfoProto dataInput(GraphProto g, Map<String, TensorProto> constants) {
        ValueInfoProto found = null;
        for (ValueInfoProto v : g.getInputList()) {
            if (constants.containsKey(v.getName())) continue;
            if (found != null) throw new IllegalArgumentException("graph inputs " + found.getName() + " and " + v.getName() + ": only one input is supported");
            found = v;
        }
        if (found == null) throw new IllegalArgumentException("the graph has no input");
        if (!found.getType().hasTensorType() || found.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("input " + found.getName() + " must be a float tensor");
        }
        return found;
    }

    /** The input's shape without its batch dimension; every other dimension must be a number. */
    private static Shape sampleShape(ValueInfoProto input) {
        TensorShapeProto s = input.getType().getTensorType().getShape();
        if (s.getDimCount() != 2 && s.getDimCount() != 4) {
            throw new IllegalArgumentException("input " + input.getName() + " must be (N, C, H, W) or (N, F), has rank " + s.getDimCount());
        }
        int[] dims = new int[s.getDimCount() - 1];
        for (int i = 1; i < s.getDimCount(); i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > (1 << 20)) {
                throw new IllegalArgumentException("input " + input.getName() + " dimension " + i + " must be a fixed size, got "
                        + (d.hasDimValue() ? d.getDimValue() : "'" + d.getDimParam() + "'"));
            }
            dims[i - 1] = (int) d.getDimValue();
        }
        return Shape.of(dims);
    }

    private static TensorProto constantValue(ImportContext ctx, NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) return a.getT();
        }
        throw ctx.fail("only a Constant with a tensor 'value' is supported");
    }
}
