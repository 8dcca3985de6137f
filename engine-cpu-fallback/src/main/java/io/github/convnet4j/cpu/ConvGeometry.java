package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * The sizes of one convolution: input {@code (N, C, H, W)}, filters {@code (K, C, R, S)}, output
 * {@code (N, K, P, Q)}, with the stride, padding and dilation of {@link ConvParams}.
 */
record ConvGeometry(int n, int c, int h, int w, int k, int r, int s, int p, int q,
                    int strideH, int strideW, int padTop, int padLeft, int dilationH, int dilationW) {

    /**
     * Derives and checks the geometry from the input-side tensor {@code x (N, C, H, W)} and the
     * filters {@code w (K, C, R, S)}.
     */
    static ConvGeometry of(String op, ConvParams cp, String xName, Tensor x, String wName, Tensor w) {
        Checks.rank(op, xName, x, 4);
        Checks.rank(op, wName, w, 4);
        Shape xs = x.shape();
        Shape ws = w.shape();
        if (ws.dim(1) != xs.dim(1)) {
            throw Checks.fail(op, Checks.describe(wName, w) + " does not match " + Checks.describe(xName, x)
                    + ": channels " + ws.dim(1) + " != " + xs.dim(1));
        }
        int p = cp.outputHeight(xs.dim(2), ws.dim(2));
        int q = cp.outputWidth(xs.dim(3), ws.dim(3));
        if (p <= 0 || q <= 0) {
            throw Checks.fail(op, Checks.describe(xName, x) + " is too small for " + Checks.describe(wName, w)
                    + " with " + cp + ": output would be " + p + "x" + q);
        }
        return new ConvGeometry(xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), ws.dim(0), ws.dim(2), ws.dim(3), p, q,
                cp.strideH(), cp.strideW(), cp.padTop(), cp.padLeft(), cp.dilationH(), cp.dilationW());
    }

    /** {@code (N, K, P, Q)}. */
    Shape outputShape() { return Shape.of(n, k, p, q); }

    /** {@code (N, C, H, W)}. */
    Shape inputShape() { return Shape.of(n, c, h, w); }

    /** Rows of the im2col matrix: {@code C*R*S}. */
    int crs() { return c * r * s; }

    /** Columns of the im2col matrix: {@code P*Q}. */
    int pq() { return p * q; }

    /** Multiply-adds of the forward pass. */
    long macs() { return (long) n * k * p * q * crs(); }
}
