package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.Pooling1D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code MaxPooling1D} / {@code AveragePooling1D} as 1-D ONNX {@code MaxPool} / {@code AveragePool} with explicit pads. */
final class Pooling1DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("MaxPooling1D", "AveragePooling1D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        // Our 1-D pooling is the 2-D pooling of the (N, C, 1, L) view: the width axis is the sequence.
        PoolParams p = ((Pooling1D) layer).params(input.dim(1));
        return ConvNodes.pool(ctx.graph(), layer.name(), p.mode(), x, ConvNodes.longs(p.windowW()), ConvNodes.longs(p.strideW()),
                ConvNodes.longs(p.padLeft(), p.padRight()));
    }
}
