package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvContract;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.ConvShape;
import io.github.convnet4j.tensor.Shape;

/**
 * The sizes of one convolution: input {@code (N, C, H, W)}, filters {@code (K, C, R, S)}, output
 * {@code (N, K, P, Q)}, with the stride, padding and dilation of {@link ConvParams}.
 */
record ConvGeometry(int n, int c, int h, int w, int k, int r, int s, int p, int q,
                    int strideH, int strideW, int padTop, int padLeft, int dilationH, int dilationW) {

    /** The CPU's copy of a geometry that {@link ConvContract} has checked. */
    static ConvGeometry of(ConvShape g) {
        ConvParams cp = g.params();
        return new ConvGeometry(g.n(), g.c(), g.h(), g.w(), g.k(), g.r(), g.s(), g.p(), g.q(),
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
