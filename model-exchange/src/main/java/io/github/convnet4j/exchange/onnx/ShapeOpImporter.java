package io.github.convnet4j.exchange.onnx;

import java.util.List;
import java.util.Map;

/**
 * {@code Flatten} (axis 1) and {@code Reshape} to {@code (N, -1)} / {@code (N, F)} as {@code Flatten};
 * on an input that is already flat (e.g. after global pooling, which gives (N, C) here) they add nothing.
 * A {@code Reshape} to another per-sample shape of one to three axes ({@code (N, C, 1, 1)}, the
 * squeeze-and-excitation gate), batch axis kept as 0 or -1, becomes our {@code Reshape}.
 */
final class ShapeOpImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("Flatten", "Reshape"); }

    @Override public void apply(ImportContext ctx) {
        if (ctx.node().getOpType().equals("Flatten")) {
            if (ctx.intAttribute("axis", 1) != 1) throw ctx.fail("only axis 1 is supported");
        } else {
            long[] target = ctx.longs(1);
            long f = ctx.shape().size();
            boolean flat = target.length == 2 && (target[1] == -1 || target[1] == f) && (target[0] == -1 || target[0] == 0 || target[1] == f);
            if (!flat) {
                reshape(ctx, target);
                return;
            }
        }
        if (ctx.shape().rank() == 1) ctx.note("already flat here; nothing to add");
        else ctx.layer("Flatten", Map.of());
    }

    private static void reshape(ImportContext ctx, long[] target) {
        String refusal = "only a reshape of each sample, (0 or -1, d1[, d2[, d3]]) with positive sizes, is supported, got "
                + java.util.Arrays.toString(target);
        if (target.length < 2 || target.length > 4 || (target[0] != 0 && target[0] != -1)) throw ctx.fail(refusal);
        List<Integer> dims = new java.util.ArrayList<>();
        for (int i = 1; i < target.length; i++) {
            if (target[i] < 1 || target[i] > (1 << 30)) throw ctx.fail(refusal);
            dims.add((int) target[i]);
        }
        ctx.layer("Reshape", Map.of("target_shape", dims));
    }
}
