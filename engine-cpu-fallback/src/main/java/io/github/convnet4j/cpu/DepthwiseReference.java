package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.DepthwiseShape;

/**
 * F64 depthwise convolution, the executable specification: direct loops over
 * {@code y[n,o,p,q] = bias[o] + sum_{r,s} x[n, o/M, p*sh - padTop + r*dh, q*sw - padLeft + s*dw] w[o,0,r,s]},
 * positions outside the image being the zero padding; the backward passes apply the chain rule to
 * the same sum term by term. Accumulation is in double.
 */
final class DepthwiseReference {
    private DepthwiseReference() {}

    /** Input row of output row {@code p} and tap {@code r}, or -1 in the padding. */
    private static int row(DepthwiseShape g, int p, int r) {
        ConvParams cp = g.params();
        int ih = p * cp.strideH() - cp.padTop() + r * cp.dilationH();
        return ih < 0 || ih >= g.h() ? -1 : ih;
    }

    private static int col(DepthwiseShape g, int q, int s) {
        ConvParams cp = g.params();
        int iw = q * cp.strideW() - cp.padLeft() + s * cp.dilationW();
        return iw < 0 || iw >= g.w() ? -1 : iw;
    }

    static void forward(DepthwiseShape g, double[] x, double[] w, double[] bias, double[] y) {
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.k(); o++) {
                int xPlane = (n * g.c() + o / g.m()) * g.h() * g.w();
                for (int p = 0; p < g.p(); p++) {
                    for (int q = 0; q < g.q(); q++) {
                        double sum = 0;
                        for (int r = 0; r < g.r(); r++) {
                            int ih = row(g, p, r);
                            if (ih < 0) continue;
                            for (int s = 0; s < g.s(); s++) {
                                int iw = col(g, q, s);
                                if (iw < 0) continue;
                                sum += x[xPlane + ih * g.w() + iw] * w[(o * g.r() + r) * g.s() + s];
                            }
                        }
                        if (bias != null) sum += bias[o];
                        y[((n * g.k() + o) * g.p() + p) * g.q() + q] = sum;
                    }
                }
            }
        }
    }

    static void backwardData(DepthwiseShape g, double[] dy, double[] w, double[] dx) {
        java.util.Arrays.fill(dx, 0, g.n() * g.c() * g.h() * g.w(), 0.0);
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.k(); o++) {
                int xPlane = (n * g.c() + o / g.m()) * g.h() * g.w();
                for (int p = 0; p < g.p(); p++) {
                    for (int q = 0; q < g.q(); q++) {
                        double d = dy[((n * g.k() + o) * g.p() + p) * g.q() + q];
                        for (int r = 0; r < g.r(); r++) {
                            int ih = row(g, p, r);
                            if (ih < 0) continue;
                            for (int s = 0; s < g.s(); s++) {
                                int iw = col(g, q, s);
                                if (iw >= 0) dx[xPlane + ih * g.w() + iw] += d * w[(o * g.r() + r) * g.s() + s];
                            }
                        }
                    }
                }
            }
        }
    }

    static void backwardFilter(DepthwiseShape g, double[] x, double[] dy, double[] dw, double[] dbias) {
        java.util.Arrays.fill(dw, 0, g.k() * g.r() * g.s(), 0.0);
        if (dbias != null) java.util.Arrays.fill(dbias, 0, g.k(), 0.0);
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.k(); o++) {
                int xPlane = (n * g.c() + o / g.m()) * g.h() * g.w();
                for (int p = 0; p < g.p(); p++) {
                    for (int q = 0; q < g.q(); q++) {
                        double d = dy[((n * g.k() + o) * g.p() + p) * g.q() + q];
                        if (dbias != null) dbias[o] += d;
                        for (int r = 0; r < g.r(); r++) {
                            int ih = row(g, p, r);
                            if (ih < 0) continue;
                            for (int s = 0; s < g.s(); s++) {
                                int iw = col(g, q, s);
                                if (iw >= 0) dw[(o * g.r() + r) * g.s() + s] += d * x[xPlane + ih * g.w() + iw];
                            }
                        }
                    }
                }
            }
        }
    }
}
