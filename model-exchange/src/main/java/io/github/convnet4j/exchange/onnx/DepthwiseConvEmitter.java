package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.nn.DepthwiseConv2D;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.SeparableConv2D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code DepthwiseConv2D} as a grouped ONNX {@code Conv} ({@code group = C}, kernel
 * {@code (C*M, 1, R, S)} as is: output channel {@code c*M + m} reads channel {@code c}, as
 * PyTorch's {@code groups=C}), and {@code SeparableConv2D} as that depthwise {@code Conv} (no bias)
 * followed by a 1×1 {@code Conv} with the pointwise kernel and the bias; then the fused activation.
 */
final class DepthwiseConvEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("DepthwiseConv2D", "SeparableConv2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        String n = layer.name();
        String bias = ctx.has(n + "/bias") ? n + "/bias" : null;
        int channels = input.dim(0);
        String y;
        if (layer instanceof SeparableConv2D sep) {
            String mid = Conv2DEmitter.conv(ctx, n + "/depthwise", n + "/depthwise_kernel", null, channels, sep.convParams(input), x);
            y = Conv2DEmitter.conv(ctx, n, n + "/pointwise_kernel", bias, 1, new ConvParams(1, 1, 0, 0, 0, 0, 1, 1), mid);
        } else {
            y = Conv2DEmitter.conv(ctx, n, n + "/depthwise_kernel", bias, channels, ((DepthwiseConv2D) layer).convParams(input), x);
        }
        return ActivationNodes.emit(ctx.graph(), ((io.github.convnet4j.nn.AbstractLayer) layer).outputActivation(), layer.outputShape(input), y, n + "/activation");
    }
}
