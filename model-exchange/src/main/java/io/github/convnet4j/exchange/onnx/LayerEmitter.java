package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;

/**
 * Writes one layer type as ONNX nodes. One implementation per layer type (or family), registered in
 * {@link LayerEmitters}; a new layer type is one new emitter.
 */
public interface LayerEmitter {
    /** The layer types (canonical names, e.g. {@code Conv2D}) this emitter writes. */
    java.util.List<String> types();

    /**
     * Adds the nodes that compute {@code layer} to the graph.
     *
     * @param layer the layer (its config and geometry; weights come from {@code ctx})
     * @param input the layer's per-sample input shape, {@code (C, H, W)} or {@code (F)}
     * @param x     the value name of the batched input {@code (N, input...)}
     * @return the value name of the batched output
     */
    String emit(EmitContext ctx, Layer layer, Shape input, String x);
}
