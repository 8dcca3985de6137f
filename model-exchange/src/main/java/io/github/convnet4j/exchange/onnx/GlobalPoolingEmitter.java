package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * Global average and max pooling over 1, 2 or 3 spatial axes: ONNX {@code GlobalAveragePool} /
 * {@code GlobalMaxPool} (which pool every axis after the channels: (N, C, 1...)) then
 * {@code Flatten} to our (N, C).
 */
final class GlobalPoolingEmitter implements LayerEmitter {
    @Override public List<String> types() {
        return List.of("GlobalAveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
                "GlobalAveragePooling3D", "GlobalMaxPooling3D");
    }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        String op = layer.type().startsWith("GlobalMax") ? "GlobalMaxPool" : "GlobalAveragePool";
        String pooled = ctx.graph().node(op, layer.name() + "/pool", new String[] {x});
        return ctx.graph().node("Flatten", layer.name(), new String[] {pooled}, OnnxGraph.i("axis", 1));
    }
}
