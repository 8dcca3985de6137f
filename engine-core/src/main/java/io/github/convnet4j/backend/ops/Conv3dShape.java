package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;

/**
 * The checked sizes of one 3-D convolution: input {@code (N, C, D, H, W)}, filters
 * {@code (K, C, T, R, S)}, output {@code (N, K, OD, OH, OW)}. Made only by {@link Conv3dContract}.
 */
public record Conv3dShape(Conv3dParams params, int n, int c, int d, int h, int w, int k, int t, int r, int s, int od, int oh, int ow) implements ConvFamilyShape {
    public Shape input() { return Shape.of(n, c, d, h, w); }

    public Shape filters() { return Shape.of(k, c, t, r, s); }

    public Shape output() { return Shape.of(n, k, od, oh, ow); }

    /** Taps of one filter, {@code C*T*R*S}. */
    public int taps() { return c * t * r * s; }

    @Override public String toString() { return "x " + input() + ", w " + filters() + ", y " + output() + ", " + params; }
}
