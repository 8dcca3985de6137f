package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;

/**
 * The checked sizes of one depthwise convolution: input {@code (N, C, H, W)}, filters
 * {@code (C*M, 1, R, S)}, output {@code (N, C*M, P, Q)}. Made only by {@link DepthwiseConvContract}.
 */
public record DepthwiseShape(ConvParams params, int n, int c, int m, int h, int w, int r, int s, int p, int q) implements ConvFamilyShape {
    /** Output channels {@code C*M}. */
    public int k() { return c * m; }

    /** {@code (N, C, H, W)}. */
    public Shape input() { return Shape.of(n, c, h, w); }

    /** {@code (C*M, 1, R, S)}. */
    public Shape filters() { return Shape.of(k(), 1, r, s); }

    /** {@code (N, C*M, P, Q)}. */
    public Shape output() { return Shape.of(n, k(), p, q); }

    @Override public String toString() {
        return "x " + input() + ", w " + filters() + ", y " + output() + ", " + params;
    }
}
