package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.DepthwiseShape;

import java.util.Arrays;

/**
 * F32 depthwise convolution as direct loops, one task per image plane. Depthwise convolution does
 * R*S multiply-adds per value it reads, so it is bound by memory, not arithmetic: im2col would
 * multiply the traffic by R*S. Instead each output row is built in place while it sits in L1, one
 * filter tap at a time, as a SAXPY over the row's valid range (bounds are solved once per row and
 * tap, so the inner loop has no branch and, at stride 1, runs over contiguous memory, which the JIT
 * vectorizes). Every value is summed in the same order whatever the thread count or vector width:
 * taps in (r, s) order after the bias; the filter gradient sums rows of four fixed partial sums.
 */
final class DepthwiseFast {
    private final CpuThreads threads;

    DepthwiseFast(CpuThreads threads) { this.threads = threads; }

    /** First output column whose tap {@code s} lands inside the image (may exceed Q: none does). */
    private static int firstCol(DepthwiseShape g, int s) {
        ConvParams cp = g.params();
        int off = s * cp.dilationW() - cp.padLeft();   // input column of output column 0
        return off >= 0 ? 0 : (-off + cp.strideW() - 1) / cp.strideW();
    }

    /** One past the last output column whose tap {@code s} lands inside the image. */
    private static int endCol(DepthwiseShape g, int s) {
        ConvParams cp = g.params();
        int off = s * cp.dilationW() - cp.padLeft();
        int last = g.w() - 1 - off;                    // q * strideW <= last
        return last < 0 ? 0 : Math.min(g.q(), last / cp.strideW() + 1);
    }

    void forward(DepthwiseShape g, float[] x, float[] w, float[] bias, float[] y) {
        ConvParams cp = g.params();
        int hw = g.h() * g.w(), pq = g.p() * g.q(), rs = g.r() * g.s();
        int sw = cp.strideW();
        threads.forEach(g.n() * g.k(), (task, worker) -> {
            int o = task % g.k();
            int xBase = (task / g.k() * g.c() + o / g.m()) * hw;
            int yBase = task * pq;
            float b = bias == null ? 0f : bias[o];
            for (int p = 0; p < g.p(); p++) {
                int yRow = yBase + p * g.q();
                Arrays.fill(y, yRow, yRow + g.q(), b);
                for (int r = 0; r < g.r(); r++) {
                    int ih = p * cp.strideH() - cp.padTop() + r * cp.dilationH();
                    if (ih < 0 || ih >= g.h()) continue;
                    int xRow = xBase + ih * g.w();
                    for (int s = 0; s < g.s(); s++) {
                        float wv = w[o * rs + r * g.s() + s];
                        int q0 = firstCol(g, s), q1 = endCol(g, s);
                        int xi = xRow + s * cp.dilationW() - cp.padLeft();
                        if (sw == 1) {
                            for (int q = q0; q < q1; q++) y[yRow + q] += wv * x[xi + q];
                        } else {
                            for (int q = q0; q < q1; q++) y[yRow + q] += wv * x[xi + q * sw];
                        }
                    }
                }
            }
        });
    }

    void backwardData(DepthwiseShape g, float[] dy, float[] w, float[] dx) {
        ConvParams cp = g.params();
        int hw = g.h() * g.w(), pq = g.p() * g.q(), rs = g.r() * g.s();
        int sw = cp.strideW();
        threads.forEach(g.n() * g.c(), (task, worker) -> {
            int n = task / g.c(), c = task % g.c();
            int xBase = task * hw;
            Arrays.fill(dx, xBase, xBase + hw, 0f);
            for (int j = 0; j < g.m(); j++) {
                int o = c * g.m() + j;
                int yBase = (n * g.k() + o) * pq;
                for (int p = 0; p < g.p(); p++) {
                    int yRow = yBase + p * g.q();
                    for (int r = 0; r < g.r(); r++) {
                        int ih = p * cp.strideH() - cp.padTop() + r * cp.dilationH();
                        if (ih < 0 || ih >= g.h()) continue;
                        int xRow = xBase + ih * g.w();
                        for (int s = 0; s < g.s(); s++) {
                            float wv = w[o * rs + r * g.s() + s];
                            int q0 = firstCol(g, s), q1 = endCol(g, s);
                            int xi = xRow + s * cp.dilationW() - cp.padLeft();
                            if (sw == 1) {
                                for (int q = q0; q < q1; q++) dx[xi + q] += wv * dy[yRow + q];
                            } else {
                                for (int q = q0; q < q1; q++) dx[xi + q * sw] += wv * dy[yRow + q];
                            }
                        }
                    }
                }
            }
        });
    }

    void backwardFilter(DepthwiseShape g, float[] x, float[] dy, float[] dw, float[] dbias) {
        ConvParams cp = g.params();
        int hw = g.h() * g.w(), pq = g.p() * g.q(), rs = g.r() * g.s();
        int sw = cp.strideW();
        threads.forEach(g.k(), (o, worker) -> {
            int c = o / g.m();
            Arrays.fill(dw, o * rs, o * rs + rs, 0f);
            float bsum = 0f;
            for (int n = 0; n < g.n(); n++) {
                int xBase = (n * g.c() + c) * hw;
                int yBase = (n * g.k() + o) * pq;
                if (dbias != null) bsum += sum4(dy, yBase, pq);
                for (int p = 0; p < g.p(); p++) {
                    int yRow = yBase + p * g.q();
                    for (int r = 0; r < g.r(); r++) {
                        int ih = p * cp.strideH() - cp.padTop() + r * cp.dilationH();
                        if (ih < 0 || ih >= g.h()) continue;
                        int xRow = xBase + ih * g.w();
                        for (int s = 0; s < g.s(); s++) {
                            int q0 = firstCol(g, s), q1 = endCol(g, s);
                            int xi = xRow + s * cp.dilationW() - cp.padLeft();
                            dw[o * rs + r * g.s() + s] += dot4(dy, yRow, x, xi, sw, q0, q1);
                        }
                    }
                }
            }
            if (dbias != null) dbias[o] = bsum;
        });
    }

    /** {@code sum a[ai+q] * b[bi + q*stride]} for q in [q0, q1), in four fixed partial sums. */
    private static float dot4(float[] a, int ai, float[] b, int bi, int stride, int q0, int q1) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int q = q0;
        for (; q + 3 < q1; q += 4) {
            s0 += a[ai + q] * b[bi + q * stride];
            s1 += a[ai + q + 1] * b[bi + (q + 1) * stride];
            s2 += a[ai + q + 2] * b[bi + (q + 2) * stride];
            s3 += a[ai + q + 3] * b[bi + (q + 3) * stride];
        }
        for (; q < q1; q++) s0 += a[ai + q] * b[bi + q * stride];
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum a[from .. from+len)} in four fixed partial sums. */
    private static float sum4(float[] a, int from, int len) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[from + i];
            s1 += a[from + i + 1];
            s2 += a[from + i + 2];
            s3 += a[from + i + 3];
        }
        for (; i < len; i++) s0 += a[from + i];
        return (s0 + s1) + (s2 + s3);
    }
}
