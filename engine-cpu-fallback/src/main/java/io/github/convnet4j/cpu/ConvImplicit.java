package io.github.convnet4j.cpu;

/**
 * F32 convolution as implicit GEMM: the im2col matrix is never written; {@link GatherKernel}s read
 * the input where it lies through index tables ({@link ConvTables}), and the batch is one product,
 * so small planes (keras-mnist's 11x11 and 3x3) fill the register tiles as well as large ones.
 * <ul>
 * <li>forward: {@code y^T (N*P*Q, K) = col^T (N*P*Q, C*R*S) . w^T (C*R*S, K)}: a row per output pixel
 *     reading the input at its top-left tap plus the tap offset; rows are split over the workers and
 *     each block is written into y (N, K, P, Q) with the bias right after it is computed;</li>
 * <li>backward filter: {@code dw^T (C*R*S, K) = col (C*R*S, N*P*Q) . dy^T (N*P*Q, K)}: a row per filter
 *     tap, summing over every output pixel of the batch; with few taps the pixels are cut into a
 *     fixed number of slices (fixed by the shapes) whose partial sums are added in order;</li>
 * <li>backward data, stride 1: {@code dx^T (N*H*W, C) = dy_pad^T (N*H*W, K*R*S) . w' (K*R*S, C)}: the
 *     convolution of the zero-bordered output gradient with the flipped filters, no col2im; other
 *     shapes go through {@link ConvColumnsBackward}.</li>
 * </ul>
 * Inputs that need padding are copied once into a zero-bordered buffer ({@link PaddedPlanes}).
 * Every output element is one chain of fused multiply-adds in a fixed order, so the bits depend on
 * the shapes only: not on the thread count, the partition or the kernel width.
 */
final class ConvImplicit {
    /** Largest block of rows one task computes and writes out (a multiple of {@link ConvTables#PAD}). */
    private static final int MAX_BLOCK = 240;
    /** Below this many register-tile rows the filter gradient also splits the pixels. */
    private static final int FEW_TILES = 8;
    private static final int MAX_SLICES = 8;
    private static final int MIN_SLICE_PIXELS = 2048;

    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final ConvTables tables = new ConvTables();
    private final ConvColumnsBackward columns;
    /** The pixels-along-lanes kernel for stride-1 shapes that tile it, or null (gather path only). */
    private final RowKernel rows;
    private final ReluKernel relu = ReluKernel.best();

    ConvImplicit(CpuThreads threads, Workspaces workspaces) {
        this(threads, workspaces, ConvRows.kernel());
    }

    /** With {@code rows} null every shape takes the gather path (tests compare the two). */
    ConvImplicit(CpuThreads threads, Workspaces workspaces, RowKernel rows) {
        this.rows = rows;
        this.threads = threads;
        this.workspaces = workspaces;
        this.columns = new ConvColumnsBackward(threads, workspaces, tables);
    }

    /**
     * Whether backward data runs as a full convolution: stride 1, enough input channels to fill the
     * kernel's columns, and at most 1.2x the multiply-adds of the im2col form, whose col2im costs
     * about that much (measured: keras-mnist's 13x13 -> 11x11, 1.4x, is faster through columns;
     * 'same' convolutions are twice as fast as a full convolution).
     */
    static boolean fullConvolutionApplies(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.c() >= 16 && 5L * g.h() * g.w() <= 6L * g.pq();
    }

    /** Whether the forward pass of g runs {@link ConvRows} (stride 1 along rows, an output that tiles the row kernel). */
    boolean rowsApply(ConvGeometry g) {
        return g.strideW() == 1 && ConvRows.fits(rows, g.k(), g.p(), g.q());
    }

    /** Forward pass; with {@code relu} the ReLU is applied with the bias ({@link ConvEpilogue}). */
    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        PaddedPlanes in = paddedInput(g, x);
        int crs = g.crs();
        int[] colOff = tables.tapOffsets(g, in.planeSize(), in.cols());
        int[] rowBase = tables.pixelBases(g, in.cols(), g.c() * in.planeSize());
        RowKernel rk = rows;
        if (rowsApply(g)) {
            float[] packedA = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, (long) g.k() * crs);
            ConvRows.packA(rk, g.k(), 1, crs, w, crs, 0, packedA);
            threads.forEach(g.n(), (n, worker) ->
                    ConvRows.image(rk, n, g.k(), g.pq(), crs, in.data(), rowBase, colOff, packedA, bias, relu, y));
            return;
        }
        GatherKernel kern = MicroKernels.gather(g.k());
        int nPad = GatherGemm.paddedColumns(kern, g.k());
        float[] packedW = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, (long) nPad * crs);
        GatherGemm.packB(kern, crs, g.k(), w, 0, 1, crs, packedW);
        int m = g.n() * g.pq();
        int block = rowBlock(m);
        threads.forEach((m + block - 1) / block, (task, worker) -> {
            int r0 = task * block;
            int r1 = Math.min(m, r0 + block);
            float[] c = workspaces.get(worker, Workspaces.PRODUCT, (long) block * nPad);
            GatherGemm.rows(kern, r0, r1, nPad, 0, crs, in.data(), rowBase, colOff, packedW, kern.nr() * crs, c, 0, nPad);
            scatter(c, nPad, r0, r1, g.pq(), g.k(), bias, relu, y);
        });
    }

    /**
     * Filter gradient dw (K, C, R, S) and, when dbias is not null, the bias gradient dbias (K):
     * the per-plane sums of dy are taken while packing dy, each plane right after it was read, and
     * added over the images in order, the same sums as {@link ConvFast#biasGradient} without its
     * second pass over dy. With {@code reluOutput} not null the gradient is {@code dy} masked by
     * {@code reluOutput > 0} (a fused ReLU whose output that is), applied while packing.
     */
    void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] reluOutput, float[] dw, float[] dbias) {
        int crs = g.crs();
        int kOut = g.k();
        GatherKernel kern = MicroKernels.gather(kOut);
        PaddedPlanes in = paddedInput(g, x);
        int[] rowBase = tables.tapOffsets(g, in.planeSize(), in.cols());
        int[] colOff = tables.pixelBases(g, in.cols(), g.c() * in.planeSize());
        int pixels = g.n() * g.pq();
        int nPad = GatherGemm.paddedColumns(kern, kOut);
        float[] packedDy = workspaces.shared(Workspaces.SHARED_PACKED_B, (long) nPad * pixels);
        double[] planeSums = dbias == null ? null : workspaces.planeSums((long) g.n() * kOut);
        packGradientRows(g, kern, dy, reluOutput, packedDy, planeSums);
        if (dbias != null) {
            for (int k = 0; k < kOut; k++) {
                double sum = 0;
                for (int n = 0; n < g.n(); n++) sum += planeSums[n * kOut + k];
                dbias[k] = (float) sum;
            }
        }
        int mPad = Sgemm.roundUp(crs, ConvTables.PAD);
        int tiles = (crs + kern.mr() - 1) / kern.mr();
        // Shapes alone fix the slices, so the sums are the same on any machine.
        int slices = Sgemm.roundUp(crs, 6) / 6 >= FEW_TILES ? 1 : Math.max(1, Math.min(MAX_SLICES, pixels / MIN_SLICE_PIXELS));
        int rowTasks = Math.min(tiles, Math.max(1, 4 * threads.size() / slices));
        int tilesPerTask = (tiles + rowTasks - 1) / rowTasks;
        int tasks = (tiles + tilesPerTask - 1) / tilesPerTask;
        float[] partials = workspaces.shared(Workspaces.SHARED_PARTIALS, (long) slices * mPad * nPad);
        threads.forEach(tasks * slices, (task, worker) -> {
            int slice = task / tasks;
            int r0 = task % tasks * tilesPerTask * kern.mr();
            int r1 = Math.min(crs, r0 + tilesPerTask * kern.mr());
            int t0 = (int) ((long) slice * pixels / slices);
            int t1 = (int) ((long) (slice + 1) * pixels / slices);
            GatherGemm.rows(kern, r0, r1, nPad, t0, t1, in.data(), rowBase, colOff, packedDy, kern.nr() * pixels,
                    partials, (slice * mPad + r0) * nPad, nPad);
        });
        threads.forRange(kOut, Math.max(1, 4096 / crs), (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                for (int t = 0; t < crs; t++) {
                    float sum = partials[t * nPad + k];
                    for (int s = 1; s < slices; s++) sum += partials[(s * mPad + t) * nPad + k];
                    dw[k * crs + t] = sum;
                }
            }
        });
    }

    /**
     * Backward data: the full convolution where {@link #fullConvolutionApplies}, else {@link
     * ConvColumnsBackward}. With {@code reluOutput} not null the gradient is {@code dy} masked by
     * {@code reluOutput > 0}: applied while the full convolution pads dy, else into a copy first.
     */
    void backwardData(ConvGeometry g, float[] dy, float[] reluOutput, float[] w, float[] dx) {
        if (fullConvolutionApplies(g)) {
            fullConvolution(g, dy, reluOutput, w, dx);
        } else if (reluOutput == null) {
            columns.backwardData(g, dy, w, dx);
        } else {
            columns.backwardData(g, masked(threads, workspaces, relu, dy, reluOutput, g.n() * g.k() * g.pq()), w, dx);
        }
    }

    /** {@code relu.backward(reluOutput, dy)} into the shared workspace {@link Workspaces#SHARED_MASKED}. */
    static float[] masked(CpuThreads threads, Workspaces workspaces, ReluKernel relu, float[] dy, float[] reluOutput, int length) {
        float[] dz = workspaces.shared(Workspaces.SHARED_MASKED, length);
        threads.forRange(length, 1 << 15, (lo, hi) -> relu.backward(reluOutput, dy, lo, dz, lo, hi - lo));
        return dz;
    }

    private void fullConvolution(ConvGeometry g, float[] dy, float[] reluOutput, float[] w, float[] dx) {
        int cIn = g.c();
        int kOut = g.k();
        int rs = g.r() * g.s();
        GatherKernel kern = MicroKernels.gather(cIn);
        int top = (g.r() - 1) * g.dilationH() - g.padTop();
        int left = (g.s() - 1) * g.dilationW() - g.padLeft();
        PaddedPlanes grad = PaddedPlanes.of(threads, workspaces, Workspaces.SHARED_PADDED, dy, reluOutput, relu, g.n() * kOut, g.p(), g.q(),
                top, left, g.h() + (g.r() - 1) * g.dilationH(), g.w() + (g.s() - 1) * g.dilationW());
        int taps = kOut * rs;
        int[] colOff = tables.flippedTapOffsets(g, grad.planeSize(), grad.cols());
        int[] rowBase = tables.inputPixelBases(g, grad.cols(), kOut * grad.planeSize());
        RowKernel rk = rows;
        if (ConvRows.fits(rk, cIn, g.h(), g.w())) {
            float[] packedA = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, (long) cIn * taps);
            ConvRows.packA(rk, cIn, kOut, rs, w, rs, cIn * rs, packedA);
            int plane = g.h() * g.w();
            threads.forEach(g.n(), (n, worker) ->
                    ConvRows.image(rk, n, cIn, plane, taps, grad.data(), rowBase, colOff, packedA, null, false, dx));
            return;
        }
        int nPad = GatherGemm.paddedColumns(kern, cIn);
        float[] packedW = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, (long) nPad * taps);
        packFlipped(kern, g, w, packedW);
        int m = g.n() * g.h() * g.w();
        int block = rowBlock(m);
        threads.forEach((m + block - 1) / block, (task, worker) -> {
            int r0 = task * block;
            int r1 = Math.min(m, r0 + block);
            float[] c = workspaces.get(worker, Workspaces.PRODUCT, (long) block * nPad);
            GatherGemm.rows(kern, r0, r1, nPad, 0, taps, grad.data(), rowBase, colOff, packedW, kern.nr() * taps, c, 0, nPad);
            scatter(c, nPad, r0, r1, g.h() * g.w(), cIn, null, false, dx);
        });
    }

    /** Packs B (K*R*S, C) for backward data: row (k, r, s), column c is w[k, c, r, s]. */
    private static void packFlipped(GatherKernel kern, ConvGeometry g, float[] w, float[] dst) {
        int nr = kern.nr();
        int cIn = g.c();
        int rs = g.r() * g.s();
        int taps = g.k() * rs;
        for (int c0 = 0; c0 < cIn; c0 += nr) {
            for (int j = 0; j < nr; j++) {
                int c = c0 + j;
                int d = c0 * taps + j;
                if (c >= cIn) {
                    for (int t = 0; t < taps; t++, d += nr) dst[d] = 0f;
                    continue;
                }
                for (int k = 0; k < g.k(); k++) {
                    int src = (k * cIn + c) * rs;
                    for (int t = 0; t < rs; t++, d += nr) dst[d] = w[src + t];
                }
            }
        }
    }

    /** The input with the zero border the taps reach: top/left padding, and room for the last window. */
    private PaddedPlanes paddedInput(ConvGeometry g, float[] x) {
        int rows = Math.max(g.padTop() + g.h(), (g.p() - 1) * g.strideH() + (g.r() - 1) * g.dilationH() + 1);
        int cols = Math.max(g.padLeft() + g.w(), (g.q() - 1) * g.strideW() + (g.s() - 1) * g.dilationW() + 1);
        return PaddedPlanes.of(threads, workspaces, Workspaces.SHARED_PADDED, x, g.n() * g.c(), g.h(), g.w(),
                g.padTop(), g.padLeft(), rows, cols);
    }

    /** Rows per task: about four tasks per worker, a multiple of the table padding, at most MAX_BLOCK. */
    private int rowBlock(int m) {
        int target = (m + 4 * threads.size() - 1) / (4 * threads.size());
        return Math.max(ConvTables.PAD, Math.min(MAX_BLOCK, Sgemm.roundUp(target, ConvTables.PAD)));
    }

    /**
     * Packs dy (N, K, P, Q) as B (N*P*Q, K) slivers: row t = (n, p, q), column k. Split over workers
     * by (sliver, image). With planeSums not null, also {@code planeSums[n*K + k] = }
     * {@link PlaneSum} of plane (n, k), while the sliver's planes are still in cache. The pixels go in chunks of {@link #PACK_CHUNK}: for each plane one cache line
     * is read whole into a chunk of packed rows (PACK_CHUNK x nr floats, inside L1). Reading every
     * plane at one pixel at a time instead ran nr streams 4 KiB apart on 32x32 planes, which all
     * fall into the same L1 sets and missed on every load (4 ms a step on vgg-small).
     */
    private void packGradientRows(ConvGeometry g, GatherKernel kern, float[] dy, float[] reluOutput, float[] dst, double[] planeSums) {
        int nr = kern.nr();
        int pq = g.pq();
        int kOut = g.k();
        int pixels = g.n() * pq;
        int slivers = (kOut + nr - 1) / nr;
        threads.forEach(slivers * g.n(), (task, worker) -> {
            int sliver = task / g.n();
            int n = task % g.n();
            int k0 = sliver * nr;
            int cols = Math.min(nr, kOut - k0);
            float[] grad = dy;
            int src = (n * kOut + k0) * pq;
            if (reluOutput != null) {
                // The sliver's planes are contiguous: mask them into a small per-worker copy, read at once.
                grad = workspaces.get(worker, Workspaces.MASKED, (long) nr * pq);
                relu.backward(reluOutput, dy, src, grad, 0, cols * pq);
                src = 0;
            }
            int base = sliver * nr * pixels + n * pq * nr;
            for (int i0 = 0; i0 < pq; i0 += PACK_CHUNK) {
                int len = Math.min(PACK_CHUNK, pq - i0);
                int d0 = base + i0 * nr;
                for (int j = 0; j < cols; j++) {
                    int s = src + j * pq + i0;
                    for (int i = 0, d = d0 + j; i < len; i++, d += nr) dst[d] = grad[s + i];
                }
                for (int j = cols; j < nr; j++) {
                    for (int i = 0, d = d0 + j; i < len; i++, d += nr) dst[d] = 0f;
                }
            }
            if (planeSums != null) {
                for (int j = 0; j < cols; j++) planeSums[n * kOut + k0 + j] = PlaneSum.sum(grad, src + j * pq, pq);
            }
        });
    }

    /** Pixels per chunk of {@link #packGradientRows}: one 64-byte line of floats. */
    private static final int PACK_CHUNK = 16;

    /**
     * Writes rows [r0, r1) of a (pixels, channels) block, row-major with stride ldc, into the
     * (N, channels, plane) tensor out, adding bias[channel] when bias is not null, then with
     * {@code relu} the ReLU (the formulas of {@link ConvEpilogue}).
     */
    private static void scatter(float[] c, int ldc, int r0, int r1, int plane, int channels, float[] bias, boolean relu, float[] out) {
        int i = r0;
        while (i < r1) {
            int n = i / plane;
            int at = i % plane;
            int run = Math.min(r1 - i, plane - at);
            int src = (i - r0) * ldc;
            for (int ch = 0; ch < channels; ch++) {
                int dst = (n * channels + ch) * plane + at;
                int s = src + ch;
                if (bias == null) {
                    for (int j = 0; j < run; j++, s += ldc) out[dst + j] = c[s];
                } else {
                    float b = bias[ch];
                    for (int j = 0; j < run; j++, s += ldc) out[dst + j] = c[s] + b;
                }
                if (relu) ConvEpilogue.apply(out, dst, run, false, 0f, true);
            }
            i += run;
        }
    }
}
