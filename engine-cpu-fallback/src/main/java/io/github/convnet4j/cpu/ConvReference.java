package io.github.convnet4j.cpu;

/**
 * F64 convolution, the executable specification: direct loops over the definition
 * {@code y[n,k,p,q] = bias[k] + sum_{c,r,s} x[n, c, p*sh - padTop + r*dh, q*sw - padLeft + s*dw] w[k,c,r,s]},
 * where input positions outside {@code [0,H) x [0,W)} are the zero padding. The backward passes
 * apply the chain rule to the same sum, term by term. Accumulation is in double.
 */
final class ConvReference {
    private ConvReference() {}

    static void forward(ConvGeometry g, double[] x, double[] w, double[] bias, double[] y) {
        for (int n = 0; n < g.n(); n++) {
            for (int k = 0; k < g.k(); k++) {
                for (int p = 0; p < g.p(); p++) {
                    for (int q = 0; q < g.q(); q++) {
                        double sum = 0;
                        for (int c = 0; c < g.c(); c++) {
                            for (int r = 0; r < g.r(); r++) {
                                int ih = p * g.strideH() - g.padTop() + r * g.dilationH();
                                if (ih < 0 || ih >= g.h()) continue;
                                for (int s = 0; s < g.s(); s++) {
                                    int iw = q * g.strideW() - g.padLeft() + s * g.dilationW();
                                    if (iw < 0 || iw >= g.w()) continue;
                                    sum += x[((n * g.c() + c) * g.h() + ih) * g.w() + iw]
                                            * w[((k * g.c() + c) * g.r() + r) * g.s() + s];
                                }
                            }
                        }
                        if (bias != null) sum += bias[k];
                        y[((n * g.k() + k) * g.p() + p) * g.q() + q] = sum;
                    }
                }
            }
        }
    }

    /** {@code dx[n,c,ih,iw] = sum of dy[n,k,p,q] w[k,c,r,s]} over every (k, p, q, r, s) that reads x[n,c,ih,iw]. */
    static void backwardData(ConvGeometry g, double[] dy, double[] w, double[] dx) {
        java.util.Arrays.fill(dx, 0, g.n() * g.c() * g.h() * g.w(), 0.0);
        for (int n = 0; n < g.n(); n++) {
            for (int k = 0; k < g.k(); k++) {
                for (int p = 0; p < g.p(); p++) {
                    for (int q = 0; q < g.q(); q++) {
                        double d = dy[((n * g.k() + k) * g.p() + p) * g.q() + q];
                        for (int c = 0; c < g.c(); c++) {
                            for (int r = 0; r < g.r(); r++) {
                                int ih = p * g.strideH() - g.padTop() + r * g.dilationH();
                                if (ih < 0 || ih >= g.h()) continue;
                                for (int s = 0; s < g.s(); s++) {
                                    int iw = q * g.strideW() - g.padLeft() + s * g.dilationW();
                                    if (iw < 0 || iw >= g.w()) continue;
                                    dx[((n * g.c() + c) * g.h() + ih) * g.w() + iw] += d * w[((k * g.c() + c) * g.r() + r) * g.s() + s];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dw[k,c,r,s] = sum_{n,p,q} dy[n,k,p,q] x[n,c,ih,iw]}; {@code dbias[k] = sum_{n,p,q} dy[n,k,p,q]}. */
    static void backwardFilter(ConvGeometry g, double[] x, double[] dy, double[] dw, double[] dbias) {
        for (int k = 0; k < g.k(); k++) {
            for (int c = 0; c < g.c(); c++) {
                for (int r = 0; r < g.r(); r++) {
                    for (int s = 0; s < g.s(); s++) {
                        double sum = 0;
                        for (int n = 0; n < g.n(); n++) {
                            for (int p = 0; p < g.p(); p++) {
                                int ih = p * g.strideH() - g.padTop() + r * g.dilationH();
                                if (ih < 0 || ih >= g.h()) continue;
                                for (int q = 0; q < g.q(); q++) {
                                    int iw = q * g.strideW() - g.padLeft() + s * g.dilationW();
                                    if (iw < 0 || iw >= g.w()) continue;
                                    sum += dy[((n * g.k() + k) * g.p() + p) * g.q() + q]
                                            * x[((n * g.c() + c) * g.h() + ih) * g.w() + iw];
                                }
                            }
                        }
                        dw[((k * g.c() + c) * g.r() + r) * g.s() + s] = sum;
                    }
                }
            }
            if (dbias != null) {
                double sum = 0;
                for (int n = 0; n < g.n(); n++) {
                    int base = (n * g.k() + k) * g.p() * g.q();
                    for (int i = 0; i < g.p() * g.q(); i++) sum += dy[base + i];
                }
                dbias[k] = sum;
            }
        }
    }
}
