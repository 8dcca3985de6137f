package io.github.convnet4j.exchange.onnx;

import java.util.List;
import java.util.Map;

/**
 * {@code Dropout} becomes our {@code Dropout} (its ratio kept for fine-tuning; the identity at
 * inference); {@code Identity} adds nothing; {@code Pad} with zeros on the spatial axes is folded
 * into the next {@code Conv}'s padding (PyTorch writes an all-zero Pad before some pools, which adds nothing).
 */
final class PassThroughImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("Dropout", "Identity", "Pad"); }

    @Override public void apply(ImportContext ctx) {
        switch (ctx.node().getOpType()) {
            case "Identity" -> ctx.note("identity; nothing to add");
            case "Dropout" -> {
                double ratio = ctx.hasInput(1) ? ctx.floats(1).data()[0] : ctx.floatAttribute("ratio", 0.5);
                ctx.layer("Dropout", Map.of("rate", ratio));
            }
            case "Pad" -> pad(ctx);
            default -> throw ctx.fail("not a pass-through op");
        }
    }

    private static void pad(ImportContext ctx) {
        if (!ctx.stringAttribute("mode", "constant").equals("constant")) throw ctx.fail("only constant padding is supported");
        if (ctx.hasInput(2) && ctx.floats(2).data()[0] != 0f) throw ctx.fail("only padding with zeros is supported");
        if (ctx.hasInput(3)) throw ctx.fail("the axes input is not supported");
        long[] p = ctx.longs(1);
        int rank = ctx.shape().rank() + 1;
        if (p.length != 2 * rank) throw ctx.fail("pads has " + p.length + " values for a rank-" + rank + " input");
        boolean zero = true;
        for (long v : p) zero &= v == 0;
        if (zero) {
            ctx.note("pads nothing; nothing to add");
            return;
        }
        if (rank != 4 || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) throw ctx.fail("only padding of the spatial axes is supported");
        for (long v : p) if (v < 0 || v > (1 << 16)) throw ctx.fail("pad amount " + v + " is out of range");
        ctx.padNext(new int[] {(int) p[2], (int) p[3], (int) p[6], (int) p[7]});
        ctx.note("padding [" + p[2] + ", " + p[3] + ", " + p[6] + ", " + p[7] + "] goes to the next convolution");
    }
}
