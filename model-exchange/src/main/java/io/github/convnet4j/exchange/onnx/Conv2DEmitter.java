package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.nn.Conv2D;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code Conv2D} as ONNX {@code Conv} (kernel {@code (K, C, R, S)} as is) plus its fused activation.
 * Padding is written as explicit {@code pads [top, left, bottom, right]} resolved for the input
 * size, so {@code same} with a stride (TensorFlow's asymmetric split) is exact.
 */
final class Conv2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Conv2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        Conv2D conv = (Conv2D) layer;
        String y = conv(ctx, layer.name(), conv.convParams(input), x);
        return ActivationNodes.emit(ctx.graph(), conv.outputActivation(), conv.outputShape(input), y, layer.name() + "/activation");
    }

    /** A Conv node for the parameters {@code <name>/kernel} and (when present) {@code <name>/bias}. */
    static String conv(EmitContext ctx, String name, ConvParams p, String x) {
        return conv(ctx, name, name + "/kernel", ctx.has(name + "/bias") ? name + "/bias" : null, 1, p, x);
    }

    /**
     * A Conv node.
     *
     * @param kernel parameter {@code (K, C / group, R, S)}
     * @param bias   parameter {@code (K)}, or null
     * @param group  ONNX {@code group}: 1, or C for a depthwise convolution
     */
    static String conv(EmitContext ctx, String name, String kernel, String bias, int group, ConvParams p, String x) {
        Shape k = ctx.weight(kernel).shape();
        String w = ctx.initializer(kernel);
        String[] inputs = bias != null ? new String[] {x, w, ctx.initializer(bias)} : new String[] {x, w};
        return ctx.graph().node("Conv", name, inputs,
                OnnxGraph.ints("kernel_shape", k.dim(2), k.dim(3)),
                OnnxGraph.ints("strides", p.strideH(), p.strideW()),
                OnnxGraph.ints("pads", p.padTop(), p.padLeft(), p.padBottom(), p.padRight()),
                OnnxGraph.ints("dilations", p.dilationH(), p.dilationW()),
                OnnxGraph.i("group", group));
    }
}
