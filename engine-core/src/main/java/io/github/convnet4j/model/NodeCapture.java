package io.github.convnet4j.model;

import io.github.convnet4j.tensor.Tensor;

/**
 * The activation and gradient of one named node, kept by {@link Model#capture} for explanations
 * (Grad-CAM) and feature extraction. Tensors belong to the model and stay valid until the next
 * forward (activation) or backward (gradient); callers must not close them.
 */
public final class NodeCapture implements AutoCloseable {
    private final Model model;
    private final String name;
    final int node;
    Tensor activation;
    Tensor gradient;

    NodeCapture(Model model, String name, int node) {
        this.model = model;
        this.name = name;
        this.node = node;
    }

    /** The layer name. */
    public String name() { return name; }

    /** The node's output {@code (N, outputShape...)} from the last forward, or null before one. */
    public Tensor activation() { return activation; }

    /**
     * {@code dLoss/d(node output)} from the last backward (summed over all its consumers), or null
     * before one. A backward computes it even when no layer below the node is trainable.
     */
    public Tensor gradient() { return gradient; }

    /** Stops capturing. */
    @Override public void close() { model.release(this); }
}
