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
        Shape k = ctx.weight(name + "/kernel").shape();
        String kernel = ctx.initializer(name + "/kernel");
        String[] inputs = ctx.has(name + "/bias") ? new String[] {x, kernel, ctx.initializer(name + "/bias")} : new String[] {x, kernel};
        return ctx.graph().node("Conv", name, inputs,
                OnnxGraph.ints("kernel_shape", k.dim(2), k.dim(3)),
                OnnxGraph.ints("strides", p.strideH(), p.strideW()),
                OnnxGraph.ints("pads", p.padTop(), p.padLeft(), p.padBottom(), p.padRight()),
                OnnxGraph.ints("dilations", p.dilationH(), p.dilationW()));
    }
}
