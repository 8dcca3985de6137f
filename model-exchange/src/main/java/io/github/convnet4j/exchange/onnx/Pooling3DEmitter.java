package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.Pooling3D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code MaxPooling3D} / {@code AveragePooling3D} as one 3-D ONNX {@code MaxPool} /
 * {@code AveragePool} (padding out of the count): our two passes (plane, then depth) compute
 * exactly that box max or box mean.
 */
final class Pooling3DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("MaxPooling3D", "AveragePooling3D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        Pooling3D pooling = (Pooling3D) layer;
        PoolParams plane = pooling.planeParams(input), depth = pooling.depthParams(input);
        return ConvNodes.pool(ctx.graph(), layer.name(), plane.mode(), x,
                ConvNodes.longs(depth.windowH(), plane.windowH(), plane.windowW()),
                ConvNodes.longs(depth.strideH(), plane.strideH(), plane.strideW()),
                ConvNodes.longs(depth.padTop(), plane.padTop(), plane.padLeft(), depth.padBottom(), plane.padBottom(), plane.padRight()));
    }
}
