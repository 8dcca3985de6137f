package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;

/**
 * F64 3-D convolution, the executable specification: direct loops over
 * {@code y[n,k,a,b,e] = bias[k] + sum_{c,t,r,s} x[n, c, a*sd - pf + t*dd, b*sh - pt + r*dh, e*sw - pl + s*dw] w[k,c,t,r,s]},
 * positions outside the volume being zero padding; the backward passes apply the chain rule to the
 * same sum term by term. Accumulation is in double.
 */
final class Conv3dReference {
    private Conv3dReference() {}

    /** Visits every (n, k, output position, c, t, r, s) whose input lies inside the volume. */
    private interface Term {
        void at(int yIndex, int xIndex, int wIndex);
    }

    private static void forEachTerm(Conv3dShape g, Term term) {
        Conv3dParams p = g.params();
        for (int n = 0; n < g.n(); n++) {
            for (int k = 0; k < g.k(); k++) {
                for (int a = 0; a < g.od(); a++) {
                    for (int b = 0; b < g.oh(); b++) {
                        for (int e = 0; e < g.ow(); e++) {
                            int yi = (((n * g.k() + k) * g.od() + a) * g.oh() + b) * g.ow() + e;
                            for (int c = 0; c < g.c(); c++) {
                                for (int t = 0; t < g.t(); t++) {
                                    int id = a * p.strideD() - p.padFront() + t * p.dilationD();
                                    if (id < 0 || id >= g.d()) continue;
                                    for (int r = 0; r < g.r(); r++) {
                                        int ih = b * p.strideH() - p.padTop() + r * p.dilationH();
                                        if (ih < 0 || ih >= g.h()) continue;
                                        for (int s = 0; s < g.s(); s++) {
                                            int iw = e * p.strideW() - p.padLeft() + s * p.dilationW();
                                            if (iw < 0 || iw >= g.w()) continue;
                                            int xi = (((n * g.c() + c) * g.d() + id) * g.h() + ih) * g.w() + iw;
                                            int wi = (((k * g.c() + c) * g.t() + t) * g.r() + r) * g.s() + s;
                                            term.at(yi, xi, wi);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static void forward(Conv3dShape g, double[] x, double[] w, double[] bias, double[] y) {
        int size = g.n() * g.k() * g.od() * g.oh() * g.ow();
        java.util.Arrays.fill(y, 0, size, 0.0);
        forEachTerm(g, (yi, xi, wi) -> y[yi] += x[xi] * w[wi]);
        if (bias != null) {
            int volume = g.od() * g.oh() * g.ow();
            for (int i = 0; i < size; i++) y[i] += bias[i / volume % g.k()];
        }
    }

    static void backwardData(Conv3dShape g, double[] dy, double[] w, double[] dx) {
        java.util.Arrays.fill(dx, 0, g.n() * g.c() * g.d() * g.h() * g.w(), 0.0);
        forEachTerm(g, (yi, xi, wi) -> dx[xi] += dy[yi] * w[wi]);
    }

    static void backwardFilter(Conv3dShape g, double[] x, double[] dy, double[] dw, double[] dbias) {
        java.util.Arrays.fill(dw, 0, g.k() * g.taps(), 0.0);
        forEachTerm(g, (yi, xi, wi) -> dw[wi] += dy[yi] * x[xi]);
        if (dbias != null) {
            int volume = g.od() * g.oh() * g.ow();
            java.util.Arrays.fill(dbias, 0, g.k(), 0.0);
            for (int i = 0; i < g.n() * g.k() * volume; i++) dbias[i / volume % g.k()] += dy[i];
        }
    }
}
