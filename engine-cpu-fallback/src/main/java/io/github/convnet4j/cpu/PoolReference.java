package io.github.convnet4j.cpu;

import java.util.Arrays;

/**
 * F64 pooling, the executable specification. Window (p, q) covers input rows
 * {@code p*strideH - padTop + [0, windowH)} and columns {@code q*strideW - padLeft + [0, windowW)};
 * positions outside the input are padding: they never win the max and are not counted by the
 * average. Max backward routes the gradient to the first maximum in row-major scan order.
 */
final class PoolReference {
    private PoolReference() {}

    static void forward(PoolGeometry g, double[] x, double[] y) {
        int wh = g.params().windowH();
        int ww = g.params().windowW();
        for (int plane = 0; plane < g.planes(); plane++) {
            int xBase = plane * g.h() * g.w();
            for (int p = 0; p < g.p(); p++) {
                for (int q = 0; q < g.q(); q++) {
                    double best = Double.NEGATIVE_INFINITY;
                    boolean seen = false;
                    double sum = 0;
                    int count = 0;
                    for (int i = g.rowStart(p); i < g.rowStart(p) + wh; i++) {
                        if (i < 0 || i >= g.h()) continue;
                        for (int j = g.colStart(q); j < g.colStart(q) + ww; j++) {
                            if (j < 0 || j >= g.w()) continue;
                            double v = x[xBase + i * g.w() + j];
                            if (!seen || v > best) best = v;
                            seen = true;
                            sum += v;
                            count++;
                        }
                    }
                    y[(plane * g.p() + p) * g.q() + q] = g.max() ? best : sum / count;
                }
            }
        }
    }

    static void backward(PoolGeometry g, double[] x, double[] dy, double[] dx) {
        int wh = g.params().windowH();
        int ww = g.params().windowW();
        Arrays.fill(dx, 0, g.planes() * g.h() * g.w(), 0.0);
        for (int plane = 0; plane < g.planes(); plane++) {
            int xBase = plane * g.h() * g.w();
            for (int p = 0; p < g.p(); p++) {
                for (int q = 0; q < g.q(); q++) {
                    double d = dy[(plane * g.p() + p) * g.q() + q];
                    int argmax = -1;
                    double best = 0;
                    int count = 0;
                    for (int i = g.rowStart(p); i < g.rowStart(p) + wh; i++) {
                        if (i < 0 || i >= g.h()) continue;
                        for (int j = g.colStart(q); j < g.colStart(q) + ww; j++) {
                            if (j < 0 || j >= g.w()) continue;
                            int at = xBase + i * g.w() + j;
                            if (argmax < 0 || x[at] > best) {
                                argmax = at;
                                best = x[at];
                            }
                            count++;
                        }
                    }
                    if (g.max()) {
                        dx[argmax] += d;
                        continue;
                    }
                    for (int i = g.rowStart(p); i < g.rowStart(p) + wh; i++) {
                        if (i < 0 || i >= g.h()) continue;
                        for (int j = g.colStart(q); j < g.colStart(q) + ww; j++) {
                            if (j < 0 || j >= g.w()) continue;
                            dx[xBase + i * g.w() + j] += d / count;
                        }
                    }
                }
            }
        }
    }
}
