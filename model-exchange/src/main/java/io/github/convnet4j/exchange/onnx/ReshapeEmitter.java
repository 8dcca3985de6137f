package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code Reshape} as ONNX {@code Reshape} to {@code (-1, target...)}: same values, same row-major order. */
final class ReshapeEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Reshape"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        Shape out = layer.outputShape(input);
        long[] target = new long[out.rank() + 1];
        target[0] = -1;
        for (int i = 0; i < out.rank(); i++) target[i + 1] = out.dim(i);
        return ctx.graph().node("Reshape", layer.name(), new String[] {x, ctx.graph().int64s(layer.name() + "/target_shape", target)});
    }
}
