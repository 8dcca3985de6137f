package io.github.convnet4j.tensor;

import io.github.convnet4j.backend.Backend;

/**
 * A shaped view of a {@link DeviceBuffer} on one backend. Several tensors may share a buffer (see
 * {@link #reshape}); closing a tensor closes its buffer, so only the owner closes it.
 */
public final class Tensor implements AutoCloseable {
    private final Backend backend;
    private final DeviceBuffer buffer;
    private final Shape shape;

    /** Wraps {@code buffer}, which must hold at least {@code shape.size()} elements. */
    public Tensor(Backend backend, DeviceBuffer buffer, Shape shape) {
        if (buffer.length() < shape.size()) {
            throw new IllegalArgumentException("buffer of " + buffer.length() + " elements cannot hold shape " + shape);
        }
        this.backend = backend;
        this.buffer = buffer;
        this.shape = shape;
    }

    public Backend backend() { return backend; }
    public DeviceBuffer buffer() { return buffer; }
    public Shape shape() { return shape; }
    public DType dtype() { return buffer.dtype(); }

    /** Number of elements. */
    public long size() { return shape.size(); }

    /** Dimension {@code i}; negative indices count from the end. */
    public int dim(int i) { return shape.dim(i); }

    /** A view of the same memory with another shape of equal or smaller size (e.g. flatten). */
    public Tensor reshape(Shape s) {
        if (s.size() > buffer.length()) {
            throw new IllegalArgumentException("cannot view " + shape + " as " + s + ": " + s.size() + " > " + buffer.length() + " elements");
        }
        return new Tensor(backend, buffer, s);
    }

    @Override public void close() { buffer.close(); }

    @Override public String toString() { return "Tensor" + shape + " " + dtype() + " on " + backend.name(); }
}
