package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend that delegates everything and counts allocations, keeping the tensors so a test can
 * see which were freed. Its tensors report it as their backend, so code that allocates through
 * {@code tensor.backend()} is counted too.
 */
final class CountingBackend extends ForwardingBackend {
    private final List<Tensor> tensors = new ArrayList<>();

    CountingBackend(Backend inner) { super(inner); }

    int allocations() { return tensors.size(); }

    /** Every tensor allocated so far, in order. */
    List<Tensor> tensors() { return tensors; }

    /** Whether {@code t} was closed: the backend refuses to read it then. */
    boolean closed(Tensor t) {
        try {
            download(t, new float[Math.toIntExact(t.size())], 0);
            return false;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("closed")) throw e;
            return true;
        }
    }

    @Override public String description() { return "counting " + inner().description(); }

    @Override public Tensor allocate(Shape shape, DType dtype) {
        Tensor t = super.allocate(shape, dtype);
        tensors.add(t);
        return t;
    }
}
