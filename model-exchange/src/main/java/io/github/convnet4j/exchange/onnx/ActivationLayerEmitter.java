package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.ActivationLayer;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code Activation}, {@code ReLU}, {@code LeakyReLU}, {@code ELU} and {@code Softmax} layers. */
final class ActivationLayerEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Activation", "ReLU", "LeakyReLU", "ELU", "Softmax"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        String y = ActivationNodes.emit(ctx.graph(), ((ActivationLayer) layer).activation(), input, x, layer.name());
        // A linear activation layer still gets a node, so every layer has a named value in the graph.
        return y.equals(x) ? ctx.graph().node("Identity", layer.name(), new String[] {x}) : y;
    }
}
