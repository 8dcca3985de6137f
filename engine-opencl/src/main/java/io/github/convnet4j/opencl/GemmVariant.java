package io.github.convnet4j.opencl;

/**
 * {@code gemm.cl} built for one {@link GemmTile}, with split-K for products whose output is too
 * small to occupy the device.
 */
final class GemmVariant {
    /** Most slices a split-K product is cut into (bounds the partials workspace). */
    private static final int MAX_SPLITS = 64;
    /** Fewest TS_K-deep steps a slice keeps, so that each slice amortizes its launch share. */
    private static final int MIN_STEPS_PER_SLICE = 8;

    private final OpenClBackend backend;
    private final GemmTile tile;
    private final ClKernel kernel;
    private final ClKernel reduceSplitK;

    private GemmVariant(OpenClBackend backend, GemmTile tile, ClProgram program) {
        this.backend = backend;
        this.tile = tile;
        this.kernel = program.kernel("gemm_tiled");
        this.reduceSplitK = program.kernel("gemm_reduce_split_k");
    }

    /**
     * Builds gemm.cl for {@code tile}; null when the device's limits or the built kernel's
     * CL_KERNEL_WORK_GROUP_SIZE (which register pressure can lower) or local-memory use rule it out.
     */
    static GemmVariant build(OpenClBackend backend, GemmTile tile) {
        ClDevice d = backend.device();
        if (!tile.fits(d)) return null;
        ClProgram program = backend.programs().family("gemm", tile.options());
        ClKernel k = program.kernel("gemm_tiled");
        if (k.maxWorkGroupSize() < tile.groupSize() || k.localMemory() > d.localMemory()) return null;
        return new GemmVariant(backend, tile, program);
    }

    GemmTile tile() { return tile; }

    /**
     * Enqueues {@code batch} products {@code C_b = alpha op(A_b) op(B_b) + beta C_b} on row-major
     * matrices; matrix b of each operand starts at {@code off + b * stride} and its rows are
     * {@code ld} elements apart. op(A) is (m, k), op(B) is (k, n), C is (m, n).
     */
    void run(boolean transA, boolean transB, int m, int n, int k, double alpha,
             ClBuffer a, int offA, int lda, int strideA,
             ClBuffer b, int offB, int ldb, int strideB,
             double beta, ClBuffer c, int offC, int ldc, int strideC, int batch) {
        if (m <= 0 || n <= 0 || batch <= 0) return;
        long groupsN = ceilDiv(n, tile.tsN());
        long groupsM = ceilDiv(m, tile.tsM());
        int splits = batch == 1 ? splitsFor(groupsM * groupsN, k) : 1;
        if (splits > 1) {
            int kChunk = ceilDiv(ceilDiv(k, splits), tile.tsK()) * tile.tsK();
            splits = ceilDiv(k, kChunk);
            ClBuffer partial = backend.scratch().get("gemm split-k partials", (long) splits * m * n);
            launch(transA, transB, m, n, k, 1.0, a, offA, lda, 0, b, offB, ldb, 0, 0.0, partial, 0, n, m * n, splits, kChunk, groupsM, groupsN);
            backend.call(reduceSplitK).buf(partial).i(splits).i(m).i(n).f(alpha).f(beta).buf(c).i(offC).i(ldc).run3d(n, m, 1);
            return;
        }
        launch(transA, transB, m, n, k, alpha, a, offA, lda, strideA, b, offB, ldb, strideB, beta, c, offC, ldc, strideC, batch, 0, groupsM, groupsN);
    }

    private void launch(boolean transA, boolean transB, int m, int n, int k, double alpha,
                        ClBuffer a, int offA, int lda, int strideA, ClBuffer b, int offB, int ldb, int strideB,
                        double beta, ClBuffer c, int offC, int ldc, int strideC, int batch, int kChunk,
                        long groupsM, long groupsN) {
        backend.call(kernel)
                .i(m).i(n).i(k).f(alpha).f(beta)
                .buf(a).i(offA).i(lda).i(strideA).i(transA ? 1 : 0)
                .buf(b).i(offB).i(ldb).i(strideB).i(transB ? 1 : 0)
                .buf(c).i(offC).i(ldc).i(strideC).i(kChunk)
                .run(new long[] {groupsN * tile.threadsN(), groupsM * tile.threadsM(), batch},
                     new long[] {tile.threadsN(), tile.threadsM(), 1});
    }

    /**
     * How many inner-dimension slices a single product of {@code tiles} output tiles is cut into:
     * enough for about four work-groups per compute unit, each slice keeping at least
     * {@link #MIN_STEPS_PER_SLICE} steps; 1 when the output tiles already fill the device.
     */
    int splitsFor(long tiles, int k) {
        long wanted = 4L * backend.device().computeUnits();
        if (tiles >= wanted) return 1;
        long bySize = k / ((long) MIN_STEPS_PER_SLICE * tile.tsK());
        return (int) Math.max(1, Math.min(Math.min(ceilDiv(wanted, tiles), bySize), MAX_SPLITS));
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }
}
