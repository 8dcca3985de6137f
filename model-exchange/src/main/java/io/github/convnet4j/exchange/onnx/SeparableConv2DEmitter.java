package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.SeparableConv2D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code SeparableConv2D} as the grouped (depthwise) {@code Conv} without bias, then a 1x1
 * {@code Conv} with {@code <layer>/pointwise_kernel (F, C*M, 1, 1)} and the bias, then the fused activation.
 */
final class SeparableConv2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("SeparableConv2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        SeparableConv2D conv = (SeparableConv2D) layer;
        String name = layer.name();
        String mid = DepthwiseConv2DEmitter.depthwise(ctx, name, null, conv.convParams(input), input.dim(0), x);
        String y = ConvNodes.conv(ctx, name + "/pointwise", name + "/pointwise_kernel", name + "/bias", mid,
                ConvNodes.longs(1, 1), ConvNodes.longs(0, 0, 0, 0), ConvNodes.longs(1, 1), 1);
        return ActivationNodes.emit(ctx.graph(), conv.outputActivation(), conv.outputShape(input), y, name + "/activation");
    }
}
