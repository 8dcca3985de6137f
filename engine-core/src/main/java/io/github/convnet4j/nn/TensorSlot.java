package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * A reusable tensor a layer owns (an output, a gradient, a scratch buffer). It keeps the largest
 * allocation it has seen and hands out views of it, so a smaller last batch of an epoch allocates
 * nothing and a training step allocates nothing after warm-up.
 */
public final class TensorSlot implements AutoCloseable {
    private Tensor owner;
    private Tensor view;

    /** A tensor of {@code shape}: the previous one when the shape repeats, else a view or a new allocation. Contents are stale. */
    public Tensor get(Backend backend, Shape shape, DType dtype) {
        if (view != null && view.shape().equals(shape) && view.dtype() == dtype && view.backend() == backend) return view;
        if (owner == null || owner.buffer().length() < shape.size() || owner.dtype() != dtype || owner.backend() != backend) {
            close();
            owner = backend.allocate(shape, dtype);
            view = owner;
        } else {
            view = owner.shape().equals(shape) ? owner : owner.reshape(shape);
        }
        return view;
    }

    /**
     * A tensor of {@code (n, sample...)}, as {@link #get}; the batched shape is only made when the
     * previous tensor does not have it, so a repeated call allocates nothing.
     */
    public Tensor batched(Backend backend, int n, Shape sample, DType dtype) {
        if (view != null && view.shape().isBatchOf(n, sample) && view.dtype() == dtype && view.backend() == backend) return view;
        return get(backend, AbstractLayer.batched(n, sample), dtype);
    }

    /** Frees the allocation; the slot can be used again. */
    @Override public void close() {
        if (owner != null) owner.close();
        owner = null;
        view = null;
    }
}
