package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code GlobalAveragePooling2D}: ONNX {@code GlobalAveragePool} (N, C, 1, 1) then {@code Flatten} to our (N, C). */
final class GlobalAveragePooling2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("GlobalAveragePooling2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        String pooled = ctx.graph().node("GlobalAveragePool", layer.name() + "/pool", new String[] {x});
        return ctx.graph().node("Flatten", layer.name(), new String[] {pooled}, OnnxGraph.i("axis", 1));
    }
}
