package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dShape;

import java.util.Arrays;

/**
 * F32 3-D convolution as direct loops: for each filter tap an output row is updated by a SAXPY
 * over its valid range (no branch inside, contiguous at stride 1). Forward runs one task per output
 * volume (n, k), backward data one per input volume (n, c), backward filter one per filter (k, c):
 * every task writes only its own memory, and every value is summed in an order fixed by the loops,
 * whatever the thread count or vector width. The rows, taps and column ranges all three passes
 * visit are solved once per call by {@link Conv3dTaps}; each pass keeps only its own innermost
 * loop, so the JIT sees one plain SAXPY or dot product.
 */
final class Conv3dFast {
    private final CpuThreads threads;

    Conv3dFast(CpuThreads threads) { this.threads = threads; }

    void forward(Conv3dShape g, float[] x, float[] w, float[] bias, float[] y) {
        Conv3dTaps taps = new Conv3dTaps(g);
        int xVol = g.d() * g.h() * g.w(), yVol = g.od() * g.oh() * g.ow(), trs = g.t() * g.r() * g.s(), sw = g.params().strideW();
        threads.forEach(g.n() * g.k(), (task, worker) -> {
            int n = task / g.k(), k = task % g.k();
            int yBase = task * yVol;
            Arrays.fill(y, yBase, yBase + yVol, bias == null ? 0f : bias[k]);
            for (int c = 0; c < g.c(); c++) {
                int xBase = (n * g.c() + c) * xVol, wBase = (k * g.c() + c) * trs;
                for (int e = 0; e < taps.count; e++) {
                    int yRow = yBase + taps.yRow[e], xi = xBase + taps.x0[e];
                    float wv = w[wBase + taps.tap[e]];
                    for (int q = taps.q0[e], q1 = taps.q1[e]; q < q1; q++) y[yRow + q] += wv * x[xi + q * sw];
                }
            }
        });
    }

    void backwardData(Conv3dShape g, float[] dy, float[] w, float[] dx) {
        Conv3dTaps taps = new Conv3dTaps(g);
        int xVol = g.d() * g.h() * g.w(), yVol = g.od() * g.oh() * g.ow(), trs = g.t() * g.r() * g.s(), sw = g.params().strideW();
        threads.forEach(g.n() * g.c(), (task, worker) -> {
            int n = task / g.c(), c = task % g.c();
            int xBase = task * xVol;
            Arrays.fill(dx, xBase, xBase + xVol, 0f);
            for (int k = 0; k < g.k(); k++) {
                int yBase = (n * g.k() + k) * yVol, wBase = (k * g.c() + c) * trs;
                for (int e = 0; e < taps.count; e++) {
                    int yRow = yBase + taps.yRow[e], xi = xBase + taps.x0[e];
                    float wv = w[wBase + taps.tap[e]];
                    for (int q = taps.q0[e], q1 = taps.q1[e]; q < q1; q++) dx[xi + q * sw] += wv * dy[yRow + q];
                }
            }
        });
    }

    void backwardFilter(Conv3dShape g, float[] x, float[] dy, float[] dw, float[] dbias) {
        Conv3dTaps taps = new Conv3dTaps(g);
        int xVol = g.d() * g.h() * g.w(), yVol = g.od() * g.oh() * g.ow(), trs = g.t() * g.r() * g.s(), sw = g.params().strideW();
        threads.forEach(g.k() * g.c(), (task, worker) -> {
            int k = task / g.c(), c = task % g.c();
            int wBase = task * trs;
            Arrays.fill(dw, wBase, wBase + trs, 0f);
            for (int n = 0; n < g.n(); n++) {
                int xBase = (n * g.c() + c) * xVol, yBase = (n * g.k() + k) * yVol;
                for (int e = 0; e < taps.count; e++) {
                    int yRow = yBase + taps.yRow[e], xi = xBase + taps.x0[e];
                    float sum = 0f;
                    for (int q = taps.q0[e], q1 = taps.q1[e]; q < q1; q++) sum += dy[yRow + q] * x[xi + q * sw];
                    dw[wBase + taps.tap[e]] += sum;
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
