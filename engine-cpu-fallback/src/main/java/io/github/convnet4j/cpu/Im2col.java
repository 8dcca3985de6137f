package io.github.convnet4j.cpu;

/**
 * Lowering of one image to the im2col matrix and back. The matrix has {@code C*R*S} rows, row
 * {@code (c*R + r)*S + s}, and {@code P*Q} columns, column {@code p*Q + q}; its element is the input
 * value that filter tap (c, r, s) meets at output position (p, q), or 0 in the padding.
 */
final class Im2col {
    private Im2col() {}

    /** True when the im2col matrix of an image is the image itself: 1x1 filter, stride 1, no padding. */
    static boolean isIdentity(ConvGeometry g) {
        return g.r() == 1 && g.s() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.p() == g.h() && g.q() == g.w() && g.padTop() == 0 && g.padLeft() == 0;
    }

    /** Writes the im2col matrix of the image at {@code x[xOff...]} (C, H, W) into {@code col[0...]}. */
    static void lower(ConvGeometry g, float[] x, int xOff, float[] col) {
        int hw = g.h() * g.w();
        int pq = g.pq();
        int row = 0;
        for (int c = 0; c < g.c(); c++) {
            for (int r = 0; r < g.r(); r++) {
                for (int s = 0; s < g.s(); s++, row++) {
                    int colOff = row * pq;
                    int wShift = s * g.dilationW() - g.padLeft();
                    int qLo = firstInside(wShift, g.strideW());
                    int qHi = Math.min(g.q(), lastInside(wShift, g.strideW(), g.w()) + 1);
                    for (int p = 0; p < g.p(); p++) {
                        int ih = p * g.strideH() - g.padTop() + r * g.dilationH();
                        int out = colOff + p * g.q();
                        if (ih < 0 || ih >= g.h() || qHi <= qLo) {
                            java.util.Arrays.fill(col, out, out + g.q(), 0f);
                            continue;
                        }
                        int src = xOff + c * hw + ih * g.w() + wShift;
                        for (int q = 0; q < qLo; q++) col[out + q] = 0f;
                        if (g.strideW() == 1) {
                            System.arraycopy(x, src + qLo, col, out + qLo, qHi - qLo);
                        } else {
                            int sw = g.strideW();
                            for (int q = qLo; q < qHi; q++) col[out + q] = x[src + q * sw];
                        }
                        for (int q = qHi; q < g.q(); q++) col[out + q] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Adds every element of the column matrix back onto the input position it was read from:
     * {@code dx[xOff...]} (C, H, W) is overwritten with the sums, in a fixed order.
     */
    static void raise(ConvGeometry g, float[] col, float[] dx, int xOff) {
        int hw = g.h() * g.w();
        int pq = g.pq();
        java.util.Arrays.fill(dx, xOff, xOff + g.c() * hw, 0f);
        int row = 0;
        for (int c = 0; c < g.c(); c++) {
            for (int r = 0; r < g.r(); r++) {
                for (int s = 0; s < g.s(); s++, row++) {
                    int colOff = row * pq;
                    int wShift = s * g.dilationW() - g.padLeft();
                    int qLo = firstInside(wShift, g.strideW());
                    int qHi = Math.min(g.q(), lastInside(wShift, g.strideW(), g.w()) + 1);
                    int sw = g.strideW();
                    for (int p = 0; p < g.p(); p++) {
                        int ih = p * g.strideH() - g.padTop() + r * g.dilationH();
                        if (ih < 0 || ih >= g.h()) continue;
                        int dst = xOff + c * hw + ih * g.w() + wShift;
                        int in = colOff + p * g.q();
                        if (sw == 1) {
                            for (int q = qLo; q < qHi; q++) dx[dst + q] += col[in + q];
                        } else {
                            for (int q = qLo; q < qHi; q++) dx[dst + q * sw] += col[in + q];
                        }
                    }
                }
            }
        }
    }

    /** Smallest q >= 0 with {@code q*stride + shift >= 0}. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** Largest q with {@code q*stride + shift <= width-1} (may be negative). */
    private static int lastInside(int shift, int stride, int width) {
        int span = width - 1 - shift;
        return span < 0 ? -1 : span / stride;
    }
}
