package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.Multiply;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * The merge layers: {@code Add} as {@code Add} (a chain for more than two inputs), {@code Maximum}
 * as variadic {@code Max}, {@code Average} as {@code Sum} times the constant {@code 1/k},
 * {@code Concatenate} as {@code Concat} on axis 1 (channels of NCHW, features of (N, F)), and
 * {@code Multiply} as {@code Mul}, where a {@code (C)} channel gate is first reshaped to
 * {@code (N, C, 1, 1)} so ONNX's trailing-axis broadcasting scales each channel of the
 * {@code (N, C, H, W)} map as ours does.
 */
final class MergeEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Add", "Multiply", "Average", "Maximum", "Concatenate"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        throw new IllegalArgumentException("layer " + layer.name() + ": type " + layer.type() + " merges several inputs");
    }

    @Override public String emit(EmitContext ctx, Layer layer, List<Shape> inputs, List<String> xs) {
        OnnxGraph g = ctx.graph();
        String n = layer.name();
        String[] in = xs.toArray(String[]::new);
        return switch (layer.type()) {
            case "Add" -> {
                String sum = in[0];
                for (int k = 1; k < in.length; k++) sum = g.node("Add", k == in.length - 1 ? n : n + "/add" + k, new String[] {sum, in[k]});
                yield sum;
            }
            case "Maximum" -> g.node("Max", n, in);
            case "Average" -> {
                String sum = g.node("Sum", n + "/sum", in);
                yield g.node("Mul", n, new String[] {sum, g.constant(n + "/one_over_k", Shape.of(1), (float) (1.0 / in.length))});
            }
            case "Concatenate" -> g.node("Concat", n, in, OnnxGraph.i("axis", 1));
            case "Multiply" -> multiply(g, (Multiply) layer, inputs, in);
            default -> throw new IllegalArgumentException("layer " + n + ": type " + layer.type() + " is not a merge layer");
        };
    }

    private static String multiply(OnnxGraph g, Multiply layer, List<Shape> inputs, String[] in) {
        String n = layer.name();
        String[] operands = in.clone();
        for (int k = 0; k < 2; k++) {
            Shape s = inputs.get(k), other = inputs.get(1 - k);
            if (s.rank() == 1 && other.rank() == 3) {
                operands[k] = g.node("Reshape", n + "/gate", new String[] {in[k], g.int64s(n + "/gate_shape", 0, s.dim(0), 1, 1)});
            }
        }
        return g.node("Mul", n, operands);
    }
}
