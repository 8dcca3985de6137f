package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;

/**
 * The checked sizes of one pooling call: {@code x (N, C, H, W)} into {@code y (N, C, P, Q)} with the
 * call's {@link PoolParams}. Made only by {@link PoolContract}.
 */
public record PoolShape(PoolParams params, int n, int c, int h, int w, int p, int q) {
    /** {@code (N, C, H, W)}. */
    public Shape input() { return Shape.of(n, c, h, w); }

    /** {@code (N, C, P, Q)}. */
    public Shape output() { return Shape.of(n, c, p, q); }

    /** Whether {@code s} is {@link #output()}, without making that shape (checked on every call). */
    public boolean isOutput(Shape s) { return s.is(n, c, p, q); }

    /** {@code N*C}: the planes pooled independently. */
    public int planes() { return n * c; }

    /** Whether the window takes the maximum. */
    public boolean max() { return params.mode() == PoolParams.Mode.MAX; }
}
