package io.github.convnet4j.cpu;

/**
 * The loops around a {@link GatherKernel}: {@code C (m x n) = A (m x T) B (T x n)} with A read in place
 * through a row-base and a column-offset table and B packed into nr-wide slivers ({@link #packB}).
 * Rows are handed out by the caller (a task takes a range of rows); within it the inner dimension is
 * cut into blocks of at most {@link #TC} (boundaries that depend on T only), and for each block every
 * sliver of B stays in cache while the kernel runs down the rows.
 *
 * <p>Determinism: element (i, j) is, block after block in order, one fused multiply-add chain added
 * onto C, whatever the row ranges, the thread or the kernel width.
 */
final class GatherGemm {
    /** Inner-dimension block; a 512 x 64 sliver of B is 128 KiB, well inside L2. */
    static final int TC = 512;

    private GatherGemm() {}

    /** Number of inner-dimension blocks for T. */
    static int blocks(int t) { return Math.max(1, (t + TC - 1) / TC); }

    /** Start of block {@code blk} ({@code blk == blocks(t)} gives t). */
    static int blockStart(int blk, int t) { return (int) ((long) blk * t / blocks(t)); }

    /** Columns of C and of packed B: n rounded up to the kernel's nr. */
    static int paddedColumns(GatherKernel k, int n) { return Sgemm.roundUp(n, k.nr()); }

    /**
     * Packs B (T x n), element (t, j) at {@code b[off + t*strideT + j*strideJ]}, into
     * {@code dst[0 .. paddedColumns*T)}: sliver s holds columns [s*nr, s*nr+nr) as T rows of nr,
     * columns beyond n zero.
     */
    static void packB(GatherKernel k, int tCount, int n, float[] b, int off, int strideT, int strideJ, float[] dst) {
        int nr = k.nr();
        for (int j0 = 0; j0 < n; j0 += nr) {
            int base = j0 * tCount;
            int cols = Math.min(nr, n - j0);
            for (int j = 0; j < nr; j++) {
                int d = base + j;
                if (j >= cols) {
                    for (int t = 0; t < tCount; t++, d += nr) dst[d] = 0f;
                    continue;
                }
                int src = off + (j0 + j) * strideJ;
                for (int t = 0; t < tCount; t++, d += nr, src += strideT) dst[d] = b[src];
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} of C, all {@code nPad} columns, into {@code c[cOff + (i-r0)*ldc + j]}, summing
     * over the inner indices {@code [t0, t1)}: colOff entries and rows of packed B (sliver s starts at
     * {@code s*sliverStride}, its row t at {@code + t*nr}). {@code r0} is a multiple of mr and rowBase
     * holds entries up to {@code roundUp(r1, mr)}; the rows past r1 of the last tile are computed too,
     * so C must have room for them.
     */
    static void rows(GatherKernel k, int r0, int r1, int nPad, int t0, int t1, float[] src, int[] rowBase, int[] colOff,
                     float[] packedB, int sliverStride, float[] c, int cOff, int ldc) {
        int mr = k.mr();
        int nr = k.nr();
        int span = t1 - t0;
        int blocks = blocks(span);
        for (int blk = 0; blk < blocks; blk++) {
            int from = t0 + blockStart(blk, span);
            int kc = t0 + blockStart(blk + 1, span) - from;
            boolean accumulate = blk > 0;
            for (int j0 = 0; j0 < nPad; j0 += nr) {
                int bAt = j0 / nr * sliverStride + from * nr;
                for (int i = r0; i < r1; i += mr) {
                    k.multiply(kc, src, rowBase, i, colOff, from, packedB, bAt, c, cOff + (i - r0) * ldc + j0, ldc, accumulate);
                }
            }
        }
    }
}
