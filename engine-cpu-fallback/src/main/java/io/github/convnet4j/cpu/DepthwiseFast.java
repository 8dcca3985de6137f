package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.DepthwiseShape;

import java.util.Arrays;

/**
 * F32 depthwise convolution, a group of one channel's planes at a time in cache. A depthwise convolution does R*S
 * multiply-adds per value it reads, so it is bound by memory and by loop overhead, not arithmetic:
 * im2col would multiply the traffic by R*S, and short output rows (7 to 28 values in a MobileNet)
 * starve the vector units. So the input planes of several images of one channel (which share the
 * filter) are copied once into a {@link Layout} with a zero border, split into their stride phases
 * (one phase at stride 1), where every filter tap becomes one long contiguous run: the outputs are
 * computed "wide" (rows as long as the layout's, the border positions discarded), and each tap is
 * a single {@link PlaneKernel} axpy (forward, backward data) or dot product (filter gradient) over
 * all rows of all the group's images at once.
 *
 * <p>Every value is summed in the same order whatever the thread count or vector width: an output
 * is its bias, then the taps in (r, s) order; an input gradient, for each of its filters in turn,
 * the taps in (r, s) order; a filter gradient is summed over images in {@link PlaneKernel}'s sixteen
 * fixed lanes. Tasks are a group of one channel's planes (forward, backward data) or whole filters
 * (filter gradient).
 */
final class DepthwiseFast {
    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final PlaneKernel kernel = PlaneKernel.best();

    DepthwiseFast(CpuThreads threads, Workspaces workspaces) {
        this.threads = threads;
        this.workspaces = workspaces;
    }

    /**
     * Where a group of planes' taps read: the zero-bordered input planes of up to {@code group}
     * images of one channel, each split into {@code sh * sw} stride phases of {@code rows x cols}
     * (phase {@code (a, b)} holds padded rows {@code a, a + sh, ...} and columns {@code b, b + sw,
     * ...}), stored phase by phase and, within a phase, image after image {@code plane} floats
     * apart. Output {@code (g, p, q)}'s tap {@code t} then reads element
     * {@code offset[t] + g * plane + p * cols + q}, so one tap is one run over the whole group.
     * {@code cols >= Q + } the largest column shift, so no valid output wraps into the next row;
     * one spare row per plane keeps the discarded positions' reads inside the plane. The group size
     * follows from the shapes alone (about 32 KB of phases), never from the thread count.
     */
    private record Layout(DepthwiseShape g, int rows, int cols, int plane, int group, int[] offset) {
        /** Floats of the split planes of a group a task works on: about 32 KB. */
        private static final int GROUP_FLOATS = 8192;

        static Layout of(DepthwiseShape g) {
            ConvParams cp = g.params();
            int sh = cp.strideH(), sw = cp.strideW();
            int rowShift = (g.r() - 1) * cp.dilationH() / sh, colShift = (g.s() - 1) * cp.dilationW() / sw;
            int cols = Math.max(ceilDiv(cp.padLeft() + g.w(), sw), g.q() + colShift);
            int rows = Math.max(ceilDiv(cp.padTop() + g.h(), sh), g.p() + rowShift) + 1;
            int plane = Math.multiplyExact(rows, cols);
            int group = Math.max(1, Math.min(g.n(), GROUP_FLOATS / Math.max(1, sh * sw * plane)));
            int phaseSize = Math.multiplyExact(group, plane);
            int[] offset = new int[g.r() * g.s()];
            for (int r = 0; r < g.r(); r++) {
                for (int s = 0; s < g.s(); s++) {
                    int dr = r * cp.dilationH(), ds = s * cp.dilationW();
                    int phase = (dr % sh) * sw + ds % sw;
                    offset[r * g.s() + s] = phase * phaseSize + dr / sh * cols + ds / sw;
                }
            }
            return new Layout(g, rows, cols, plane, group, offset);
        }

        private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

        /** Groups of images per channel. */
        int groups() { return ceilDiv(g.n(), group); }

        /** Images in group {@code gi}. */
        int count(int gi) { return Math.min(group, g.n() - gi * group); }

        /** Floats of all phases of a group. */
        int size() { return Math.multiplyExact(g.params().strideH() * g.params().strideW(), group * plane); }

        /** Length of the run each tap covers for {@code count} images: every output of the group, wide. */
        int span(int count) { return (count - 1) * plane + g.p() * cols; }

        /** Floats of the wide output rows of a group. */
        int wideSize() { return span(group); }

        /** Copies the input planes {@code x[from + i * stride ..]} (H x W) of {@code count} images into their phases at {@code dst[0 ..]}. */
        void split(float[] x, int from, int stride, int count, float[] dst) {
            int sw = g.params().strideW();
            // one fill for every border, then only the rows' values: small planes have rows of 7 to 28
            Arrays.fill(dst, 0, size(), 0f);
            eachRow(from, stride, count, (in, row, j0, j1) -> {
                if (sw == 1) System.arraycopy(x, in + j0, dst, row + j0, j1 - j0);
                else for (int j = j0; j < j1; j++) dst[row + j] = x[in + j * sw];
            });
        }

        /** Copies the phases at {@code src[0 ..]} back into the input planes {@code x[to + i * stride ..]}: split's inverse, border dropped. */
        void merge(float[] src, int count, float[] x, int to, int stride) {
            int sw = g.params().strideW();
            eachRow(to, stride, count, (out, row, j0, j1) -> {
                if (sw == 1) System.arraycopy(src, row + j0, x, out + j0, j1 - j0);
                else for (int j = j0; j < j1; j++) x[out + j * sw] = src[row + j];
            });
        }

        /** One phase row's values: phase column j is input element {@code input + j * sw} and layout element {@code layout + j}, for j in [j0, j1). */
        private interface RowRun {
            void run(int input, int layout, int j0, int j1);
        }

        /** Every phase row of {@code count} images (input planes {@code from + i * stride}) that holds input values, phase by phase. */
        private void eachRow(int from, int stride, int count, RowRun body) {
            ConvParams cp = g.params();
            int sh = cp.strideH(), sw = cp.strideW(), h = g.h(), w = g.w();
            for (int a = 0; a < sh; a++) {
                // rows i with 0 <= a + i*sh - padTop < h
                int i0 = Math.max(0, ceilDiv(cp.padTop() - a, sh)), i1 = Math.min(rows, ceilDiv(cp.padTop() + h - a, sh));
                for (int b = 0; b < sw; b++) {
                    // columns j with 0 <= b + j*sw - padLeft < w
                    int j0 = Math.min(cols, Math.max(0, ceilDiv(cp.padLeft() - b, sw)));
                    int j1 = Math.max(j0, Math.min(cols, ceilDiv(cp.padLeft() + w - b, sw)));
                    for (int img = 0; img < count; img++) {
                        int base = ((a * sw + b) * group + img) * plane;
                        for (int i = i0; i < i1; i++) {
                            body.run(from + img * stride + (a + i * sh - cp.padTop()) * w + b - cp.padLeft(), base + i * cols, j0, j1);
                        }
                    }
                }
            }
        }

        /** Output planes {@code y[from + i * stride ..]} (P x Q) of {@code count} images as wide rows at {@code dst[0 ..]}, the rest zero. */
        void widen(float[] y, int from, int stride, int count, float[] dst) {
            int q = g.q();
            Arrays.fill(dst, 0, span(count), 0f);
            for (int img = 0; img < count; img++) {
                for (int p = 0; p < g.p(); p++) System.arraycopy(y, from + img * stride + p * q, dst, img * plane + p * cols, q);
            }
        }

        /** The valid outputs of the wide rows at {@code src[0 ..]} into the output planes {@code y[to + i * stride ..]}. */
        void narrow(float[] src, int count, float[] y, int to, int stride) {
            int q = g.q();
            for (int img = 0; img < count; img++) {
                for (int p = 0; p < g.p(); p++) System.arraycopy(src, img * plane + p * cols, y, to + img * stride + p * q, q);
            }
        }
    }

    /** The work on one group: channel c, images {@code [n0, n0 + count)}, with the worker's scratch. */
    private interface GroupTask {
        void run(int c, int n0, int count, float[] phases, float[] wide);
    }

    /** Runs {@code body} for every (channel, group of images), one task each, over the workers. */
    private void eachGroup(Layout l, GroupTask body) {
        int groups = l.groups();
        threads.forEach(l.g().c() * groups, (task, worker) -> body.run(task / groups, task % groups * l.group(), l.count(task % groups),
                workspaces.get(worker, Workspaces.DEPTHWISE_PHASES, l.size()), workspaces.get(worker, Workspaces.DEPTHWISE_ROWS, l.wideSize())));
    }

    void forward(DepthwiseShape g, float[] x, float[] w, float[] bias, float[] y) {
        Layout l = Layout.of(g);
        int hw = g.h() * g.w(), pq = g.p() * g.q(), rs = g.r() * g.s();
        eachGroup(l, (c, n0, count, phases, wide) -> {
            int span = l.span(count);
            l.split(x, (n0 * g.c() + c) * hw, g.c() * hw, count, phases);
            for (int j = 0; j < g.m(); j++) {
                int o = c * g.m() + j;
                Arrays.fill(wide, 0, span, bias == null ? 0f : bias[o]);
                for (int t = 0; t < rs; t++) kernel.axpy(w[o * rs + t], phases, l.offset()[t], wide, 0, span);
                l.narrow(wide, count, y, (n0 * g.k() + o) * pq, g.k() * pq);
            }
        });
    }

    void backwardData(DepthwiseShape g, float[] dy, float[] w, float[] dx) {
        Layout l = Layout.of(g);
        int hw = g.h() * g.w(), pq = g.p() * g.q(), rs = g.r() * g.s();
        eachGroup(l, (c, n0, count, phases, wide) -> {
            int span = l.span(count);
            Arrays.fill(phases, 0, l.size(), 0f);
            for (int j = 0; j < g.m(); j++) {
                int o = c * g.m() + j;
                l.widen(dy, (n0 * g.k() + o) * pq, g.k() * pq, count, wide);
                for (int t = 0; t < rs; t++) kernel.axpy(w[o * rs + t], wide, 0, phases, l.offset()[t], span);
            }
            l.merge(phases, count, dx, (n0 * g.c() + c) * hw, g.c() * hw);
        });
    }

    void backwardFilter(DepthwiseShape g, float[] x, float[] dy, float[] dw, float[] dbias) {
        Layout l = Layout.of(g);
        int hw = g.h() * g.w(), pq = g.p() * g.q(), rs = g.r() * g.s();
        threads.forEach(g.k(), (o, worker) -> {
            float[] phases = workspaces.get(worker, Workspaces.DEPTHWISE_PHASES, l.size());
            float[] wide = workspaces.get(worker, Workspaces.DEPTHWISE_ROWS, l.wideSize());
            float[] sums = workspaces.get(worker, Workspaces.DEPTHWISE_LANES, (long) rs * PlaneKernel.LANES);
            Arrays.fill(sums, 0, rs * PlaneKernel.LANES, 0f);
            int c = o / g.m();
            float bsum = 0f;
            for (int gi = 0; gi < l.groups(); gi++) {
                int n0 = gi * l.group(), count = l.count(gi), span = l.span(count);
                l.split(x, (n0 * g.c() + c) * hw, g.c() * hw, count, phases);
                l.widen(dy, (n0 * g.k() + o) * pq, g.k() * pq, count, wide);
                for (int t = 0; t < rs; t++) kernel.accumulate(wide, 0, phases, l.offset()[t], span, sums, t * PlaneKernel.LANES);
                if (dbias != null) for (int n = n0; n < n0 + count; n++) bsum += sum4(dy, (n * g.k() + o) * pq, pq);
            }
            for (int t = 0; t < rs; t++) dw[o * rs + t] = PlaneKernel.reduce(sums, t * PlaneKernel.LANES);
            if (dbias != null) dbias[o] = bsum;
        });
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
