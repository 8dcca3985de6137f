package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/** Sizes of one pooling: {@code x (N, C, H, W)} into {@code y (N, C, P, Q)}; planes = N*C. */
record PoolGeometry(PoolParams params, int planes, int h, int w, int p, int q) {

    static PoolGeometry of(String op, PoolParams pp, String xName, Tensor x) {
        Checks.rank(op, xName, x, 4);
        Shape s = x.shape();
        int p = pp.outputHeight(s.dim(2));
        int q = pp.outputWidth(s.dim(3));
        if (p <= 0 || q <= 0) {
            throw Checks.fail(op, Checks.describe(xName, x) + " is too small for a " + pp.windowH() + "x" + pp.windowW()
                    + " window with " + pp + ": output would be " + p + "x" + q);
        }
        return new PoolGeometry(pp, s.dim(0) * s.dim(1), s.dim(2), s.dim(3), p, q);
    }

    /** {@code (N, C, P, Q)} for the input shape {@code x}. */
    Shape outputShape(Shape x) { return Shape.of(x.dim(0), x.dim(1), p, q); }

    boolean max() { return params.mode() == PoolParams.Mode.MAX; }

    /** First input row of output row {@code p} (may be negative: padding). */
    int rowStart(int pRow) { return pRow * params.strideH() - params.padTop(); }

    /** First input column of output column {@code q} (may be negative: padding). */
    int colStart(int qCol) { return qCol * params.strideW() - params.padLeft(); }
}
