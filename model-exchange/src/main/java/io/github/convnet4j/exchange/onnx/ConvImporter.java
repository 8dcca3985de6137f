package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Conv} (2-D, group 1) as {@code Conv2D} with explicit padding {@code [top, left, bottom,
 * right]}: PyTorch's symmetric {@code padding=1} stays symmetric (our {@code same} would split a
 * strided convolution's padding TensorFlow's way). {@code auto_pad=SAME_UPPER} is our {@code same};
 * zero-padding from a preceding {@code Pad} node is added in.
 */
final class ConvImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("Conv"); }

    @Override public void apply(ImportContext ctx) {
        HostTensor w = ctx.floats(1);
        if (w.shape().rank() != 4) throw ctx.fail("only 2-D convolutions import; weight has shape " + w.shape());
        if (ctx.intAttribute("group", 1) != 1) throw ctx.fail("grouped convolution (group " + ctx.intAttribute("group", 1) + ") is not supported");
        int[] strides = ctx.intsAttribute("strides", new int[] {1, 1});
        int[] dilations = ctx.intsAttribute("dilations", new int[] {1, 1});
        int[] pads = ctx.intsAttribute("pads", new int[] {0, 0, 0, 0});
        String autoPad = ctx.stringAttribute("auto_pad", "NOTSET");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("filters", w.shape().dim(0));
        c.put("kernel_size", List.of(w.shape().dim(2), w.shape().dim(3)));
        c.put("strides", List.of(strides[0], strides[1]));
        c.put("dilation_rate", List.of(dilations[0], dilations[1]));
        int[] extra = ctx.takePendingPads();
        switch (autoPad) {
            case "NOTSET" -> {
                // ONNX pads are [x1_begin, x2_begin, x1_end, x2_end]: ours, [top, left, bottom, right].
                int[] p = pads.clone();
                if (extra != null) for (int i = 0; i < 4; i++) p[i] += extra[i];
                c.put("padding", List.of(p[0], p[1], p[2], p[3]));
            }
            case "VALID" -> c.put("padding", extra == null ? "valid" : List.of(extra[0], extra[1], extra[2], extra[3]));
            case "SAME_UPPER" -> {
                if (extra != null) throw ctx.fail("auto_pad SAME_UPPER after a Pad node is not supported");
                c.put("padding", "same");
            }
            default -> throw ctx.fail("auto_pad " + autoPad + " is not supported (NOTSET, VALID or SAME_UPPER)");
        }
        if (w.shape().dim(1) != ctx.shape().dim(0)) throw ctx.fail("weight " + w.shape() + " does not fit an input with " + ctx.shape().dim(0) + " channels");
        boolean bias = ctx.hasInput(2);
        c.put("use_bias", bias);
        String name = ctx.layer("Conv2D", c);
        ctx.weight(name, "kernel", w);
        if (bias) ctx.weight(name, "bias", ctx.floats(2));
    }
}
