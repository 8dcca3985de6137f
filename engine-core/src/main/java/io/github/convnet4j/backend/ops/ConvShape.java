package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;

/**
 * The checked sizes of one 2-D convolution call: input {@code (N, C, H, W)}, filters
 * {@code (K, C, R, S)}, output {@code (N, K, P, Q)}, with the call's {@link ConvParams}.
 * Made only by {@link ConvContract}, so a backend that holds one knows the call is valid.
 */
public record ConvShape(ConvParams params, int n, int c, int h, int w, int k, int r, int s, int p, int q) implements ConvFamilyShape {
    /** {@code (N, C, H, W)}. */
    public Shape input() { return Shape.of(n, c, h, w); }

    /** {@code (K, C, R, S)}. */
    public Shape filters() { return Shape.of(k, c, r, s); }

    /** {@code (N, K, P, Q)}. */
    public Shape output() { return Shape.of(n, k, p, q); }

    /** Whether {@code s} is {@link #output()}, without making that shape (checked on every call). */
    public boolean isOutput(Shape s) { return s.is(n, k, p, q); }

    /** {@code C*R*S}: the length of one output value's reduction. */
    public int crs() { return c * r * s; }

    /** {@code P*Q}. */
    public int pq() { return p * q; }

    @Override public String toString() {
        return "x " + input() + ", w " + filters() + ", y " + output() + ", " + params;
    }
}
