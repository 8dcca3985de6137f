package io.github.convnet4j.exchange.onnx;

import java.util.List;
import java.util.Map;

/**
 * {@code Flatten} (axis 1) and {@code Reshape} to {@code (N, -1)} / {@code (N, F)} as {@code Flatten};
 * on an input that is already flat (e.g. after global pooling, which gives (N, C) here) they add nothing.
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
            if (!flat) throw ctx.fail("only a reshape to (N, " + f + ") is supported, got " + java.util.Arrays.toString(target));
        }
        if (ctx.shape().rank() == 1) ctx.note("already flat here; nothing to add");
        else ctx.layer("Flatten", Map.of());
    }
}
