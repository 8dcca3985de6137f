package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * One logical tensor held twice: on the backend under test (F32) and on the reference (F64),
 * created with the same values by a {@link Scope}, which also frees it.
 *
 * @param test the backend-under-test copy
 * @param ref  the reference copy
 */
public record Twin(Tensor test, Tensor ref) {
    /** The shape (the same on both sides). */
    public Shape shape() { return test.shape(); }

    /** A view of both copies with another shape of the same size (shares the memory). */
    public Twin reshape(Shape s) { return new Twin(test.reshape(s), ref.reshape(s)); }
}
