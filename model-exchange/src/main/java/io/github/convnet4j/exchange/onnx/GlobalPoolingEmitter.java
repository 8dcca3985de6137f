package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.nn.GlobalPooling;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * The global poolings over 1 or 3 spatial axes, and global max over 2: ONNX {@code GlobalAveragePool}
 * or {@code GlobalMaxPool} ({@code (N, C, 1...)}) then {@code Flatten} to our {@code (N, C)}.
 */
final class GlobalPoolingEmitter implements LayerEmitter {
    @Override public List<String> types() {
        return List.of("GlobalAveragePooling1D", "GlobalAveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D");
    }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        String op = ((GlobalPooling) layer).mode() == PoolParams.Mode.MAX ? "GlobalMaxPool" : "GlobalAveragePool";
        String pooled = ctx.graph().node(op, layer.name() + "/pool", new String[] {x});
        return ctx.graph().node("Flatten", layer.name(), new String[] {pooled}, OnnxGraph.i("axis", 1));
    }
}
