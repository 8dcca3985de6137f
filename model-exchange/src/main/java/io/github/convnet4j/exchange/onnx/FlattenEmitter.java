package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code Flatten}: ONNX {@code Flatten} with axis 1; both keep (C, H, W) row-major order. */
final class FlattenEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Flatten"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        return ctx.graph().node("Flatten", layer.name(), new String[] {x}, OnnxGraph.i("axis", 1));
    }
}
