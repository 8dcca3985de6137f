package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * A backend that delegates everything and counts allocations. Its tensors report it as their
 * backend, so code that allocates through {@code tensor.backend()} is counted too.
 */
final class CountingBackend extends ForwardingBackend {
    private int allocations;

    CountingBackend(Backend inner) { super(inner); }

    int allocations() { return allocations; }

    @Override public String description() { return "counting " + inner().description(); }

    @Override public Tensor allocate(Shape shape, DType dtype) {
        allocations++;
        return super.allocate(shape, dtype);
    }
}
