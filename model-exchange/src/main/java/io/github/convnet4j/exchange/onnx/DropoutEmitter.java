package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code Dropout} at inference is the identity (inverted dropout scales while training), so an {@code Identity} node. */
final class DropoutEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Dropout"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        return ctx.graph().node("Identity", layer.name(), new String[] {x});
    }
}
