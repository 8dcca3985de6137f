package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.nn.Conv1D;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code Conv1D} as a 1-D ONNX {@code Conv} on {@code (N, C, L)}, kernel {@code (F, C, K)} as is;
 * pads {@code [before, after]} resolved for the length, so {@code same} and {@code causal} are exact.
 */
final class Conv1DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Conv1D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        Conv1D conv = (Conv1D) layer;
        ConvParams p = conv.params(input.dim(1));
        String y = ConvNodes.conv(ctx, layer.name(), layer.name() + "/kernel", layer.name() + "/bias", x,
                ConvNodes.longs(p.strideW()), ConvNodes.longs(p.padLeft(), p.padRight()), ConvNodes.longs(p.dilationW()), 1);
        return ActivationNodes.emit(ctx.graph(), conv.outputActivation(), conv.outputShape(input), y, layer.name() + "/activation");
    }
}
