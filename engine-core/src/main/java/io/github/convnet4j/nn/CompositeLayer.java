package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * A layer that is sugar for a small graph: the model replaces it with the nodes it expands into,
 * so it never runs itself. Its parameter names stay {@code <layer>/<node>/<param>} because the
 * nodes are named {@code <layer>/<node>}.
 */
public interface CompositeLayer {
    /**
     * The nodes, in an order in which each comes after its inputs; the last one is the layer's output.
     *
     * @param input      the full name of the node (or {@code input}) that feeds the composite layer
     * @param inputShape its per-sample shape
     * @throws ShapeException naming the layer when the input does not fit
     */
    List<Sublayer> expand(String input, Shape inputShape);
}
