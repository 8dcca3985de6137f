package io.github.convnet4j.explain;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.model.LayerHook;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.TensorSlot;
import io.github.convnet4j.tensor.Tensor;

/**
 * Guided backpropagation's ReLU rule (Springenberg et al., 2015): only positive gradients pass back
 * through a ReLU. A ReLU's own backward already keeps {@code dy} where its input was positive, so
 * clamping the gradient arriving at every ReLU output to {@code max(dy, 0)} gives
 * {@code dx = dy * [x > 0] * [dy > 0]} without touching any layer. Applies to every layer whose
 * output ends in a ReLU (Conv2D/Dense with {@code activation: relu}, ReLU layers); ReLUs inside a
 * ResidualBlock other than its last are not seen.
 */
final class GuidedReluHook implements LayerHook, AutoCloseable {
    private final Backend backend;
    private final TensorSlot[] clamped;
    private final LayerHook inner;

    /**
     * @param layers number of layers in the model
     * @param inner  a hook to chain (capture), called with the clamped gradient
     */
    GuidedReluHook(Backend backend, int layers, LayerHook inner) {
        this.backend = backend;
        this.clamped = new TensorSlot[layers];
        this.inner = inner;
    }

    @Override public void afterForward(int index, Layer layer, Tensor output) { inner.afterForward(index, layer, output); }

    @Override public Tensor beforeBackward(int index, Layer layer, Tensor dy) {
        Tensor g = dy;
        if (layer instanceof AbstractLayer a && a.outputActivation().kind() == Activation.Kind.RELU) {
            if (clamped[index] == null) clamped[index] = new TensorSlot();
            g = clamped[index].get(backend, dy.shape(), dy.dtype());
            backend.activation().forward(Activation.RELU, dy, g);
        }
        return inner.beforeBackward(index, layer, g);
    }

    @Override public void close() {
        for (TensorSlot s : clamped) if (s != null) s.close();
    }
}
