package io.github.convnet4j.cpu;

/**
 * Single-precision GEMM {@code C = alpha op(A) op(B) + beta C} on row-major arrays, blocked in the
 * manner of BLIS/GotoBLAS: B is packed into kc x nc panels of nr-wide slivers, A into mc x kc blocks
 * of mr-tall slivers, and a {@link MicroKernel} computes mr x nr register tiles. A left operand used
 * for many products (convolution weights) can be packed once with {@link #packWhole}.
 *
 * <p>Determinism: the k dimension is cut into {@code ceil(k/KC)} near-equal blocks that depend on k
 * only, and each element of C is, per block in order, one fused multiply-add chain added onto C.
 * That holds whatever the thread count, the partition of C or the kernel width, and the
 * multi-threaded entry points split C statically, so the bits never depend on timing.
 */
final class Sgemm {
    static final int KC = 256;
    private static final int MC_TARGET = 96;
    private static final int NC_TARGET = 1024;
    /** Below this many multiply-adds a problem runs on the calling thread. */
    private static final long PARALLEL_MACS = 1L << 18;

    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final int mc;
    private final int nc;

    Sgemm(CpuThreads threads, Workspaces workspaces, MicroKernel kernel) {
        this.threads = threads;
        this.workspaces = workspaces;
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.mc = Math.max(mr, MC_TARGET / mr * mr);
        this.nc = Math.max(nr, NC_TARGET / nr * nr);
    }

    MicroKernel kernel() { return kernel; }

    int mr() { return mr; }

    int nr() { return nr; }

    /** Number of k-blocks for inner dimension k. */
    static int kBlocks(int k) { return Math.max(1, (k + KC - 1) / KC); }

    /** Start of k-block {@code blk} (blk == kBlocks(k) gives k). */
    static int kStart(int blk, int k) { return (int) ((long) blk * k / kBlocks(k)); }

    /** Floats needed by {@link #packWhole} for an m x k op(A). */
    long packedLength(int m, int k) { return (long) roundUp(m, mr) * k; }

    /**
     * Packs all of op(A) (m x k) for {@link #gemmPacked} / {@link #serialPacked}: k-block after
     * k-block, each holding every row in mr-tall slivers (zero-padded to a multiple of mr).
     */
    void packWhole(boolean transA, int m, int k, float[] a, int aOff, int lda, float[] dst) {
        int mPad = roundUp(m, mr);
        for (int blk = 0; blk < kBlocks(k); blk++) {
            int pc = kStart(blk, k);
            int kc = kStart(blk + 1, k) - pc;
            packA(transA, a, aOff, lda, 0, m, pc, kc, dst, pc * mPad);
        }
    }

    /**
     * Multi-threaded GEMM. {@code op(A)} is m x k: element (i, p) is {@code a[aOff + i*lda + p]}, or
     * {@code a[aOff + p*lda + i]} when transA. {@code op(B)} is k x n likewise. C is m x n with row
     * stride ldc. With beta 0, C is never read.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc) {
        parallel(transA, a, aOff, lda, null, m, n, k, alpha, transB, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link #gemm} with op(A) prepacked by {@link #packWhole}. */
    void gemmPacked(float[] packedA, int m, int n, int k, float alpha, boolean transB, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc) {
        parallel(false, null, 0, 0, packedA, m, n, k, alpha, transB, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** GEMM on the calling thread, with the packing workspaces of {@code worker}. */
    void serial(int worker, boolean transA, boolean transB, int m, int n, int k, float alpha,
                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                float beta, float[] c, int cOff, int ldc) {
        run(worker, transA, a, aOff, lda, null, 0, m, m, n, k, alpha, transB, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link #serial} with op(A) prepacked by {@link #packWhole}. */
    void serialPacked(int worker, float[] packedA, int m, int n, int k, float alpha, boolean transB, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        run(worker, false, null, 0, 0, packedA, 0, m, m, n, k, alpha, transB, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private void parallel(boolean transA, float[] a, int aOff, int lda, float[] packedA, int m, int n, int k, float alpha,
                          boolean transB, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int workers = threads.size();
        int me = threads.currentWorker();
        if (workers == 1 || (long) m * n * k < PARALLEL_MACS || me != 0) {
            run(me, transA, a, aOff, lda, packedA, 0, m, m, n, k, alpha, transB, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int mBlocks = (m + mr - 1) / mr;
        int nBlocks = (n + nr - 1) / nr;
        int[] grid = grid(workers, mBlocks, nBlocks);
        int gm = grid[0];
        int gn = grid[1];
        threads.forEach(gm * gn, (task, worker) -> {
            int bi = task / gn;
            int bj = task % gn;
            int m0 = Math.min(m, (int) ((long) bi * mBlocks / gm) * mr);
            int m1 = Math.min(m, (int) ((long) (bi + 1) * mBlocks / gm) * mr);
            int n0 = Math.min(n, (int) ((long) bj * nBlocks / gn) * nr);
            int n1 = Math.min(n, (int) ((long) (bj + 1) * nBlocks / gn) * nr);
            if (m1 <= m0 || n1 <= n0) return;
            int aSub = aOff + (transA ? m0 : m0 * lda);
            int bSub = bOff + (transB ? n0 * ldb : n0);
            run(worker, transA, a, aSub, lda, packedA, m0, m, m1 - m0, n1 - n0, k, alpha, transB, b, bSub, ldb,
                    beta, c, cOff + m0 * ldc + n0, ldc);
        });
    }

    /** Splits the workers into a gm x gn grid over the tile rows and columns, favouring square-ish pieces. */
    private static int[] grid(int workers, int mBlocks, int nBlocks) {
        int bestM = 1;
        int bestN = workers;
        long bestCost = Long.MAX_VALUE;
        for (int gm = 1; gm <= workers; gm++) {
            if (workers % gm != 0) continue;
            int gn = workers / gm;
            long rows = (mBlocks + gm - 1) / gm;
            long cols = (nBlocks + gn - 1) / gn;
            // Largest piece's work plus the cost of packing panels that other pieces pack again.
            long cost = rows * cols * 4 + rows + cols;
            if (cost < bestCost) {
                bestCost = cost;
                bestM = gm;
                bestN = gn;
            }
        }
        return new int[] {bestM, bestN};
    }

    /**
     * The blocked product of rows [mStart, mStart+m) of op(A) with op(B). A comes either raw (a, aOff
     * pointing at row mStart) or prepacked for all mTotal rows.
     */
    private void run(int worker, boolean transA, float[] a, int aOff, int lda, float[] packedA, int mStart, int mTotal,
                     int m, int n, int k, float alpha, boolean transB, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        float[] packA = packedA != null ? packedA : workspaces.get(worker, Workspaces.PACK_A, (long) mc * KC);
        float[] packB = workspaces.get(worker, Workspaces.PACK_B, (long) Math.min(nc, roundUp(n, nr)) * KC);
        float[] tile = workspaces.get(worker, Workspaces.TILE, (long) mr * nr);
        int mPad = roundUp(mTotal, mr);
        int blocks = kBlocks(k);
        for (int jc = 0; jc < n; jc += nc) {
            int ncur = Math.min(nc, n - jc);
            for (int blk = 0; blk < blocks; blk++) {
                int pc = kStart(blk, k);
                int kc = kStart(blk + 1, k) - pc;
                float betaNow = blk == 0 ? beta : 1f;
                packB(transB, b, bOff, ldb, pc, kc, jc, ncur, packB);
                for (int ic = 0; ic < m; ic += mc) {
                    int mcur = Math.min(mc, m - ic);
                    int aAt;
                    if (packedA != null) {
                        aAt = pc * mPad + (mStart + ic) * kc;
                    } else {
                        packA(transA, a, aOff, lda, ic, mcur, pc, kc, packA, 0);
                        aAt = 0;
                    }
                    macroKernel(mcur, ncur, kc, alpha, packA, aAt, packB, betaNow, c, cOff + ic * ldc + jc, ldc, tile);
                }
            }
        }
    }

    private void macroKernel(int m, int n, int kc, float alpha, float[] packA, int aAt, float[] packB,
                             float beta, float[] c, int cOff, int ldc, float[] tile) {
        for (int jr = 0; jr < n; jr += nr) {
            int nCur = Math.min(nr, n - jr);
            int bOff = jr * kc;
            for (int ir = 0; ir < m; ir += mr) {
                int mCur = Math.min(mr, m - ir);
                int aOff = aAt + ir * kc;
                int cTile = cOff + ir * ldc + jr;
                // Only beta 0 or alpha = beta = 1 reach the kernel on C (see VectorKernel256); other
                // scalings and edge tiles go through the scratch tile, with the same bits.
                if (mCur == mr && nCur == nr && (beta == 0f || (alpha == 1f && beta == 1f))) {
                    kernel.multiply(kc, packA, aOff, packB, bOff, c, cTile, ldc, alpha, beta);
                } else {
                    kernel.multiply(kc, packA, aOff, packB, bOff, tile, 0, nr, 1f, 0f);
                    storeTile(tile, mCur, nCur, alpha, beta, c, cTile, ldc);
                }
            }
        }
    }

    /** {@code c = alpha*tile + beta*c} over an mCur x nCur tile (c not read when beta is 0). */
    private void storeTile(float[] tile, int mCur, int nCur, float alpha, float beta, float[] c, int cOff, int ldc) {
        if (beta == 0f) {
            for (int i = 0; i < mCur; i++) {
                int row = cOff + i * ldc;
                int t = i * nr;
                for (int j = 0; j < nCur; j++) c[row + j] = alpha * tile[t + j];
            }
        } else {
            for (int i = 0; i < mCur; i++) {
                int row = cOff + i * ldc;
                int t = i * nr;
                for (int j = 0; j < nCur; j++) c[row + j] = alpha * tile[t + j] + beta * c[row + j];
            }
        }
    }

    /** Packs rows [i0, i0+m) x columns [p0, p0+kc) of op(A) into mr-tall slivers at dst[at...], zero-padded. */
    private void packA(boolean trans, float[] a, int aOff, int lda, int i0, int m, int p0, int kc, float[] dst, int at) {
        for (int ir = 0; ir < m; ir += mr) {
            int rows = Math.min(mr, m - ir);
            int base = at + ir * kc;
            if (!trans) {
                // One row at a time: a sequential read and a stride-mr write, both linear in p, so C2
                // hoists the range checks (the row-interleaved loop it replaced checked every element).
                int src = aOff + (i0 + ir) * lda + p0;
                for (int i = 0; i < rows; i++) {
                    int s = src + i * lda;
                    int d = base + i;
                    for (int p = 0; p < kc; p++) dst[d + p * mr] = a[s + p];
                }
                for (int i = rows; i < mr; i++) {
                    for (int p = 0; p < kc; p++) dst[base + i + p * mr] = 0f;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int d = base + p * mr;
                    System.arraycopy(a, src, dst, d, rows);
                    for (int i = rows; i < mr; i++) dst[d + i] = 0f;
                }
            }
        }
    }

    /** Packs rows [p0, p0+kc) x columns [j0, j0+n) of op(B) into nr-wide slivers, zero-padded. */
    private void packB(boolean trans, float[] b, int bOff, int ldb, int p0, int kc, int j0, int n, float[] dst) {
        for (int jr = 0; jr < n; jr += nr) {
            int cols = Math.min(nr, n - jr);
            int base = jr * kc;
            if (!trans) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int d = base + p * nr;
                    System.arraycopy(b, src, dst, d, cols);
                    for (int j = cols; j < nr; j++) dst[d + j] = 0f;
                }
            } else {
                int src = bOff + (j0 + jr) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * nr;
                    for (int j = 0; j < cols; j++) dst[d + j] = b[src + j * ldb + p];
                    for (int j = cols; j < nr; j++) dst[d + j] = 0f;
                }
            }
        }
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                c[at] = beta == 0f ? 0f : beta * c[at];
            }
        }
    }

    static int roundUp(int v, int step) { return (v + step - 1) / step * step; }
}
