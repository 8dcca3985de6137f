package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * The operators that join computed values: {@code Add} of equal shapes as {@code Add} (a residual
 * connection), {@code Concat} on the channel axis (axis 1 of (N, C, H, W), or of (N, F)) as
 * {@code Concatenate}, and {@code Mul} as {@code Multiply}: of equal shapes, or a {@code (N, C, 1, 1)}
 * gate times a {@code (N, C, H, W)} map (squeeze-and-excitation), the one broadcast whose ONNX
 * meaning (trailing axes aligned) is also ours. Every input must be computed, not a constant.
 */
final class MergeImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("Add", "Concat", "Mul"); }

    @Override public void apply(ImportContext ctx) {
        if (ctx.node().getInputCount() < 2) throw ctx.fail("needs at least two inputs");
        switch (ctx.node().getOpType()) {
            case "Add" -> ctx.merge("Add", Map.of());
            case "Concat" -> {
                int rank = ctx.shape().rank() + 1;
                long axis = ctx.intAttribute("axis", Long.MIN_VALUE);
                if (axis != 1 && axis != 1 - rank) throw ctx.fail("concatenates on axis " + axis + "; only the channel axis 1 is supported");
                ctx.merge("Concatenate", Map.of());
            }
            case "Mul" -> {
                if (ctx.node().getInputCount() != 2) throw ctx.fail("Mul has two inputs");
                Shape a = ctx.inputShape(0), b = ctx.inputShape(1);
                if (a.rank() != b.rank()) {
                    throw ctx.fail("multiplies " + a + " by " + b + "; only equal shapes or a (C, 1, 1) gate times a (C, H, W) map are supported");
                }
                ctx.merge("Multiply", Map.of());
            }
            default -> throw ctx.fail("not a merge op");
        }
    }
}
