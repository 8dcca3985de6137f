package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.nn.DepthwiseConv2D;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code DepthwiseConv2D} as ONNX {@code Conv} with {@code group = C}: our kernel {@code (C*M, 1, R, S)}
 * is already the grouped layout (output channel {@code c*M + m} reads input channel c), then the fused activation.
 */
final class DepthwiseConv2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("DepthwiseConv2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        DepthwiseConv2D conv = (DepthwiseConv2D) layer;
        String y = depthwise(ctx, layer.name(), "bias", conv.convParams(input), input.dim(0), x);
        return ActivationNodes.emit(ctx.graph(), conv.outputActivation(), conv.outputShape(input), y, layer.name() + "/activation");
    }

    /** The grouped Conv of {@code <name>/depthwise_kernel} (and {@code <name>/<bias>} when present; null for none). */
    static String depthwise(EmitContext ctx, String name, String bias, ConvParams p, int channels, String x) {
        return ConvNodes.conv(ctx, name, name + "/depthwise_kernel", bias == null ? null : name + "/" + bias, x,
                ConvNodes.longs(p.strideH(), p.strideW()),
                ConvNodes.longs(p.padTop(), p.padLeft(), p.padBottom(), p.padRight()),
                ConvNodes.longs(p.dilationH(), p.dilationW()), channels);
    }
}
