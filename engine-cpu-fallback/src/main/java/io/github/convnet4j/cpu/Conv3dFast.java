package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;

import java.util.Arrays;

/**
 * F32 3-D convolution as direct loops: for each filter tap an output row is updated by a SAXPY
 * over its valid range (bounds solved once per row and tap, no branch inside, contiguous at stride
 * 1). Forward runs one task per output volume (n, k), backward data one per input volume (n, c),
 * backward filter one per filter (k, c): every task writes only its own memory, and every value is
 * summed in an order fixed by the loops, whatever the thread count or vector width.
 */
final class Conv3dFast {
    private final CpuThreads threads;

    Conv3dFast(CpuThreads threads) { this.threads = threads; }

    private static int firstCol(Conv3dShape g, int s) {
        Conv3dParams p = g.params();
        int off = s * p.dilationW() - p.padLeft();
        return off >= 0 ? 0 : (-off + p.strideW() - 1) / p.strideW();
    }

    private static int endCol(Conv3dShape g, int s) {
        Conv3dParams p = g.params();
        int last = g.w() - 1 - (s * p.dilationW() - p.padLeft());
        return last < 0 ? 0 : Math.min(g.ow(), last / p.strideW() + 1);
    }

    /** Input depth of output plane a and tap t, or -1 in the padding. */
    private static int depth(Conv3dShape g, int a, int t) {
        Conv3dParams p = g.params();
        int id = a * p.strideD() - p.padFront() + t * p.dilationD();
        return id < 0 || id >= g.d() ? -1 : id;
    }

    private static int row(Conv3dShape g, int b, int r) {
        Conv3dParams p = g.params();
        int ih = b * p.strideH() - p.padTop() + r * p.dilationH();
        return ih < 0 || ih >= g.h() ? -1 : ih;
    }

    void forward(Conv3dShape g, float[] x, float[] w, float[] bias, float[] y) {
        Conv3dParams p = g.params();
        int xVol = g.d() * g.h() * g.w(), yVol = g.od() * g.oh() * g.ow(), sw = p.strideW();
        threads.forEach(g.n() * g.k(), (task, worker) -> {
            int n = task / g.k(), k = task % g.k();
            int yBase = task * yVol;
            Arrays.fill(y, yBase, yBase + yVol, bias == null ? 0f : bias[k]);
            for (int c = 0; c < g.c(); c++) {
                int xBase = (n * g.c() + c) * xVol;
                int wBase = (k * g.c() + c) * g.t() * g.r() * g.s();
                for (int a = 0; a < g.od(); a++) {
                    for (int b = 0; b < g.oh(); b++) {
                        int yRow = yBase + (a * g.oh() + b) * g.ow();
                        for (int t = 0; t < g.t(); t++) {
                            int id = depth(g, a, t);
                            if (id < 0) continue;
                            for (int r = 0; r < g.r(); r++) {
                                int ih = row(g, b, r);
                                if (ih < 0) continue;
                                int xRow = xBase + (id * g.h() + ih) * g.w();
                                for (int s = 0; s < g.s(); s++) {
                                    float wv = w[wBase + (t * g.r() + r) * g.s() + s];
                                    int q0 = firstCol(g, s), q1 = endCol(g, s);
                                    int xi = xRow + s * p.dilationW() - p.padLeft();
                                    for (int q = q0; q < q1; q++) y[yRow + q] += wv * x[xi + q * sw];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    void backwardData(Conv3dShape g, float[] dy, float[] w, float[] dx) {
        Conv3dParams p = g.params();
        int xVol = g.d() * g.h() * g.w(), yVol = g.od() * g.oh() * g.ow(), sw = p.strideW();
        threads.forEach(g.n() * g.c(), (task, worker) -> {
            int n = task / g.c(), c = task % g.c();
            int xBase = task * xVol;
            Arrays.fill(dx, xBase, xBase + xVol, 0f);
            for (int k = 0; k < g.k(); k++) {
                int yBase = (n * g.k() + k) * yVol;
                int wBase = (k * g.c() + c) * g.t() * g.r() * g.s();
                for (int a = 0; a < g.od(); a++) {
                    for (int b = 0; b < g.oh(); b++) {
                        int yRow = yBase + (a * g.oh() + b) * g.ow();
                        for (int t = 0; t < g.t(); t++) {
                            int id = depth(g, a, t);
                            if (id < 0) continue;
                            for (int r = 0; r < g.r(); r++) {
                                int ih = row(g, b, r);
                                if (ih < 0) continue;
                                int xRow = xBase + (id * g.h() + ih) * g.w();
                                for (int s = 0; s < g.s(); s++) {
                                    float wv = w[wBase + (t * g.r() + r) * g.s() + s];
                                    int q0 = firstCol(g, s), q1 = endCol(g, s);
                                    int xi = xRow + s * p.dilationW() - p.padLeft();
                                    for (int q = q0; q < q1; q++) dx[xi + q * sw] += wv * dy[yRow + q];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    void backwardFilter(Conv3dShape g, float[] x, float[] dy, float[] dw, float[] dbias) {
        Conv3dParams p = g.params();
        int xVol = g.d() * g.h() * g.w(), yVol = g.od() * g.oh() * g.ow(), sw = p.strideW();
        int trs = g.t() * g.r() * g.s();
        threads.forEach(g.k() * g.c(), (task, worker) -> {
            int k = task / g.c(), c = task % g.c();
            int wBase = task * trs;
            Arrays.fill(dw, wBase, wBase + trs, 0f);
            for (int n = 0; n < g.n(); n++) {
                int xBase = (n * g.c() + c) * xVol;
                int yBase = (n * g.k() + k) * yVol;
                for (int a = 0; a < g.od(); a++) {
                    for (int b = 0; b < g.oh(); b++) {
                        int yRow = yBase + (a * g.oh() + b) * g.ow();
                        for (int t = 0; t < g.t(); t++) {
                            int id = depth(g, a, t);
                            if (id < 0) continue;
                            for (int r = 0; r < g.r(); r++) {
                                int ih = row(g, b, r);
                                if (ih < 0) continue;
                                int xRow = xBase + (id * g.h() + ih) * g.w();
                                for (int s = 0; s < g.s(); s++) {
                                    int q0 = firstCol(g, s), q1 = endCol(g, s);
                                    int xi = xRow + s * p.dilationW() - p.padLeft();
                                    float sum = 0f;
                                    for (int q = q0; q < q1; q++) sum += dy[yRow + q] * x[xi + q * sw];
                                    dw[wBase + (t * g.r() + r) * g.s() + s] += sum;
                                }
                            }
                        }
                    }
                }
            }
        });
        if (dbias != null) {
            threads.forEach(g.k(), (k, worker) -> {
                float sum = 0f;
                for (int n = 0; n < g.n(); n++) {
                    int yBase = (n * g.k() + k) * yVol;
                    for (int i = 0; i < yVol; i++) sum += dy[yBase + i];
                }
                dbias[k] = sum;
            });
        }
    }
}
