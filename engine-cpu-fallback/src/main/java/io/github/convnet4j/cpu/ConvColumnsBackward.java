package io.github.convnet4j.cpu;

/**
 * F32 backward data for the convolutions where the full convolution of {@link ConvImplicit} would
 * waste work (strides, or outputs much smaller than inputs such as keras-mnist's 5x5 -> 3x3):
 * {@code dcol^T (N*P*Q, C*R*S) = dy^T (N*P*Q, K) . w (K, C*R*S)} with a {@link GatherKernel} reading
 * dy where it lies (a row per output pixel, a column offset per filter), then col2im onto dx.
 * A task takes whole images, so each image's dx is cleared and accumulated by one task, pixel after
 * pixel and tap after tap: the order of the additions depends on the shapes only.
 */
final class ConvColumnsBackward {
    /** About this many product rows (pixels) per task. */
    private static final int TARGET_ROWS = 240;

    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final ConvTables tables;

    ConvColumnsBackward(CpuThreads threads, Workspaces workspaces, ConvTables tables) {
        this.threads = threads;
        this.workspaces = workspaces;
        this.tables = tables;
    }

    void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int crs = g.crs();
        int kOut = g.k();
        int pq = g.pq();
        GatherKernel kern = MicroKernels.gather(crs);
        int nPad = GatherGemm.paddedColumns(kern, crs);
        float[] packedW = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, (long) nPad * kOut);
        GatherGemm.packB(kern, kOut, crs, w, 0, crs, 1, packedW);
        int[] rowBase = tables.strided(g.n(), kOut * pq, pq);
        int[] colOff = tables.strided(kOut, pq, 1);
        int[] dxTaps = tables.tapOffsets(g, g.h() * g.w(), g.w());
        int images = Math.max(1, Math.min(g.n(), TARGET_ROWS / pq));
        int tasks = (g.n() + images - 1) / images;
        threads.forEach(tasks, (task, worker) -> {
            int n0 = task * images;
            int n1 = Math.min(g.n(), n0 + images);
            int r0 = n0 * pq;
            int r1 = n1 * pq;
            float[] c = workspaces.get(worker, Workspaces.PRODUCT, (long) Sgemm.roundUp(images * pq, ConvTables.PAD) * nPad);
            GatherGemm.rows(kern, r0, r1, nPad, 0, kOut, dy, rowBase, colOff, packedW, kern.nr() * kOut, c, 0, nPad);
            for (int n = n0; n < n1; n++) raise(g, c, (n - n0) * pq * nPad, nPad, dxTaps, dx, n);
        });
    }

    /** Clears image n of dx and adds its columns (pixel-major rows of ldc at c[at...]) back onto it. */
    private static void raise(ConvGeometry g, float[] c, int at, int ldc, int[] taps, float[] dx, int n) {
        int h = g.h();
        int w = g.w();
        int crs = g.crs();
        int rs = g.r() * g.s();
        int xOff = n * g.c() * h * w;
        java.util.Arrays.fill(dx, xOff, xOff + g.c() * h * w, 0f);
        for (int p = 0; p < g.p(); p++) {
            int ih0 = p * g.strideH() - g.padTop();
            boolean rowsInside = ih0 >= 0 && ih0 + (g.r() - 1) * g.dilationH() < h;
            for (int q = 0; q < g.q(); q++, at += ldc) {
                int iw0 = q * g.strideW() - g.padLeft();
                int base = xOff + ih0 * w + iw0;
                if (rowsInside && iw0 >= 0 && iw0 + (g.s() - 1) * g.dilationW() < w) {
                    for (int t = 0; t < crs; t++) dx[base + taps[t]] += c[at + t];
                    continue;
                }
                // A window reaching into the padding: skip the taps outside the input.
                for (int t = 0; t < crs; t++) {
                    int rsi = t % rs;
                    int ih = ih0 + rsi / g.s() * g.dilationH();
                    int iw = iw0 + rsi % g.s() * g.dilationW();
                    if (ih >= 0 && ih < h && iw >= 0 && iw < w) dx[base + taps[t]] += c[at + t];
                }
            }
        }
    }
}
