package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.PoolContract;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.backend.ops.PoolShape;
import io.github.convnet4j.tensor.Shape;

/** Sizes of one pooling: {@code x (N, C, H, W)} into {@code y (N, C, P, Q)}; planes = N*C. */
record PoolGeometry(PoolParams params, int planes, int h, int w, int p, int q) {

    /** The CPU's copy of a geometry that {@link PoolContract} has checked. */
    static PoolGeometry of(PoolShape g) {
        return new PoolGeometry(g.params(), g.planes(), g.h(), g.w(), g.p(), g.q());
    }

    /** {@code (N, C, P, Q)} for the input shape {@code x}. */
    Shape outputShape(Shape x) { return Shape.of(x.dim(0), x.dim(1), p, q); }

    boolean max() { return params.mode() == PoolParams.Mode.MAX; }

    /** First input row of output row {@code p} (may be negative: padding). */
    int rowStart(int pRow) { return pRow * params.strideH() - params.padTop(); }

    /** First input column of output column {@code q} (may be negative: padding). */
    int colStart(int qCol) { return qCol * params.strideW() - params.padLeft(); }
}
