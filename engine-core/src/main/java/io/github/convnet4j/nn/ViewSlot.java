package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * A reshaped view a layer hands out (Flatten, Reshape), kept while the same tensor comes back with
 * the same batch size: layers reuse their output tensors step after step, so after warm-up a
 * reshape allocates nothing. Owns nothing: the view shares its source's buffer.
 */
final class ViewSlot {
    private Tensor source;
    private Tensor view;

    /** {@code source} viewed as {@code (n, sample...)}; the previous view when source and shape repeat. */
    Tensor batched(Tensor source, int n, Shape sample) {
        if (source != this.source || !view.shape().isBatchOf(n, sample)) {
            view = source.reshape(AbstractLayer.batched(n, sample));
            this.source = source;
        }
        return view;
    }

    /** {@code source} viewed as {@code shape}; the previous view when source and shape repeat. */
    Tensor of(Tensor source, Shape shape) {
        if (source != this.source || !view.shape().equals(shape)) {
            view = source.reshape(shape);
            this.source = source;
        }
        return view;
    }
}
