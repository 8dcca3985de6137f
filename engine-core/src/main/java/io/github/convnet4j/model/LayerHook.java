package io.github.convnet4j.model;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Tensor;

/**
 * Sees what flows out of each named layer of a {@link Model}, forward and backward, and may rewrite
 * the gradient a layer receives. Explanation methods are built on it: Grad-CAM reads one layer's
 * activation and output gradient, guided backpropagation rewrites the gradient at every ReLU output.
 * It works on layers by name and position only, so it carries over to models that are graphs of
 * named nodes (one call per node).
 *
 * <p>Tensors passed in belong to the model and stay valid only during the call.
 */
public interface LayerHook {
    /** A hook that does nothing. */
    LayerHook NONE = new LayerHook() {};

    /**
     * Layer {@code index} has computed its output.
     *
     * @param output {@code (N, outputShape...)}, pre-softmax for the last layer when the forward asked for logits
     */
    default void afterForward(int index, Layer layer, Tensor output) {}

    /**
     * Layer {@code index} is about to run its backward pass.
     *
     * @param outputGradient dLoss/d(output of the layer), {@code (N, outputShape...)}
     * @return the gradient to hand to the layer: {@code outputGradient} itself, or a tensor of the
     *         same shape the hook owns (valid until the backward pass ends)
     */
    default Tensor beforeBackward(int index, Layer layer, Tensor outputGradient) { return outputGradient; }
}
