package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Padding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code MaxPool}, {@code AveragePool} and {@code GlobalAveragePool}. Our pooling pads only
 * {@code valid} or {@code same}, so explicit pads import when they equal one of those for the input
 * size (PyTorch's {@code MaxPool2d(3, 2, padding=1)} on an odd size does); average pooling must
 * leave padding out of the count, as ours does.
 */
final class PoolImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("MaxPool", "AveragePool", "GlobalAveragePool"); }

    @Override public void apply(ImportContext ctx) {
        String op = ctx.node().getOpType();
        if (ctx.shape().rank() != 3) throw ctx.fail("expects an image input (C, H, W), got " + ctx.shape());
        if (op.equals("GlobalAveragePool")) {
            ctx.layer("GlobalAveragePooling2D", Map.of());
            return;
        }
        int[] k = ctx.intsAttribute("kernel_shape", null);
        if (k == null || k.length != 2) throw ctx.fail("needs a 2-D kernel_shape");
        int[] s = ctx.intsAttribute("strides", new int[] {1, 1});
        int[] d = ctx.intsAttribute("dilations", new int[] {1, 1});
        int[] pads = ctx.intsAttribute("pads", new int[] {0, 0, 0, 0});
        if (d[0] != 1 || d[1] != 1) throw ctx.fail("dilated pooling is not supported");
        if (ctx.intAttribute("storage_order", 0) != 0) throw ctx.fail("storage_order 1 is not supported");
        String autoPad = ctx.stringAttribute("auto_pad", "NOTSET");
        int h = ctx.shape().dim(1), w = ctx.shape().dim(2);
        int[] same = Padding.SAME.resolve(h, w, k[0], k[1], s[0], s[1], 1, 1);
        String padding;
        if (autoPad.equals("VALID") || (autoPad.equals("NOTSET") && java.util.Arrays.equals(pads, new int[4]))) padding = "valid";
        else if (autoPad.equals("SAME_UPPER") || (autoPad.equals("NOTSET") && java.util.Arrays.equals(pads, same))) padding = "same";
        else throw ctx.fail("pads " + java.util.Arrays.toString(pads) + " (auto_pad " + autoPad + ") are neither valid nor same "
                + java.util.Arrays.toString(same) + " for a " + h + "×" + w + " input; our pooling pads only those");
        if (ctx.intAttribute("ceil_mode", 0) != 0) {
            int floorH = (h + pads[0] + pads[2] - k[0]) / s[0] + 1, floorW = (w + pads[1] + pads[3] - k[1]) / s[1] + 1;
            int ceilH = -Math.floorDiv(-(h + pads[0] + pads[2] - k[0]), s[0]) + 1, ceilW = -Math.floorDiv(-(w + pads[1] + pads[3] - k[1]), s[1]) + 1;
            if (floorH != ceilH || floorW != ceilW) throw ctx.fail("ceil_mode 1 changes the output size here; only floor mode is supported");
        }
        boolean max = op.equals("MaxPool");
        if (!max && padding.equals("same") && ctx.intAttribute("count_include_pad", 0) != 0 && !java.util.Arrays.equals(same, new int[4])) {
            throw ctx.fail("count_include_pad 1 with padding is not supported (our average leaves padding out)");
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pool_size", List.of(k[0], k[1]));
        c.put("strides", List.of(s[0], s[1]));
        c.put("padding", padding);
        ctx.layer(max ? "MaxPooling2D" : "AveragePooling2D", c);
    }
}
