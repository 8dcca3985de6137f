package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendException;
import java.util.List;

/**
 * The tiled GEMM of {@code gemm.cl} in two tile sizes that fit this device, each call taking the
 * one that wastes less work on edge tiles. The large tile is the first candidate whose work-group
 * fits CL_DEVICE_MAX_WORK_GROUP_SIZE, whose slices fit CL_DEVICE_LOCAL_MEM_SIZE and whose built
 * kernel reports a CL_KERNEL_WORK_GROUP_SIZE at least that large; the small one serves products
 * with a dimension far below the large tile (a first convolution layer has K = 9 and 32 filters).
 */
final class GemmKernel {
    /** For GPUs, largest first: more reuse per load when the device can take it. */
    static final List<GemmTile> GPU_CANDIDATES = List.of(
            new GemmTile(64, 64, 16, 4, 4),   // 256 work-items, 8 KiB local
            new GemmTile(32, 32, 16, 2, 2),   // 256 work-items, 4 KiB
            new GemmTile(32, 32, 16, 4, 4),   // 64 work-items, 4 KiB
            new GemmTile(16, 16, 8, 2, 2),    // 64 work-items, 1 KiB
            new GemmTile(8, 8, 8, 2, 2),      // 16 work-items, 512 B
            new GemmTile(4, 4, 4, 2, 2));     // 4 work-items, 128 B

    /**
     * For CPU devices: a CPU runtime (PoCL) runs a work-group's work-items as loop iterations and
     * saves each one's registers at every barrier, so fewer work-items with more outputs each win.
     * Measured on PoCL 3.1 (AVX-512, a (64, 288) x (288, 7744) product): 64x64 with 8x8 per
     * work-item did 8.4 GFLOP per CPU-second against 5.5-6.0 for 4x4 per work-item.
     */
    static final List<GemmTile> CPU_CANDIDATES = List.of(
            new GemmTile(64, 64, 16, 8, 8),   // 64 work-items, 8 KiB local
            new GemmTile(32, 32, 16, 4, 4),   // 64 work-items, 4 KiB
            new GemmTile(16, 16, 8, 2, 2),
            new GemmTile(8, 8, 8, 2, 2),
            new GemmTile(4, 4, 4, 2, 2));

    /** Every tile some device may run (tests verify each one). */
    static final List<GemmTile> CANDIDATES = java.util.stream.Stream.concat(GPU_CANDIDATES.stream(), CPU_CANDIDATES.stream())
            .distinct().toList();

    /** The small tile must beat the large one's utilization by this factor to be used (it reuses loads less). */
    private static final double SMALL_TILE_ADVANTAGE = 1.5;

    private final GemmVariant large;
    private final GemmVariant small;

    private GemmKernel(GemmVariant large, GemmVariant small) {
        this.large = large;
        this.small = small;
    }

    /** Builds the largest tile the device accepts and the next one at most half its size. */
    static GemmKernel choose(OpenClBackend backend) {
        ClDevice d = backend.device();
        List<GemmTile> candidates = d.type().equals("CPU") ? CPU_CANDIDATES : GPU_CANDIDATES;
        GemmVariant large = null;
        int i = 0;
        for (; i < candidates.size() && large == null; i++) large = GemmVariant.build(backend, candidates.get(i));
        if (large == null) {
            throw new BackendException("opencl gemm: no tile of " + candidates + " fits device " + d.name() + " (max work-group "
                    + d.maxWorkGroupSize() + ", local memory " + d.localMemory() + " bytes)");
        }
        GemmVariant small = large;
        for (; i < candidates.size(); i++) {
            GemmTile t = candidates.get(i);
            if (t.tsM() * 2 > large.tile().tsM() || t.tsN() * 2 > large.tile().tsN()) continue;
            GemmVariant v = GemmVariant.build(backend, t);
            if (v != null) {
                small = v;
                break;
            }
        }
        return new GemmKernel(large, small);
    }

    /** The large tile, used unless the small one wastes much less. */
    GemmTile tile() { return large.tile(); }

    /** The variant an (m, n, k) product runs on. */
    GemmVariant variantFor(int m, int n, int k) {
        if (small == large) return large;
        double l = large.tile().utilization(m, n, k), s = small.tile().utilization(m, n, k);
        return s > SMALL_TILE_ADVANTAGE * l ? small : large;
    }

    /**
     * Enqueues {@code batch} products {@code C_b = alpha op(A_b) op(B_b) + beta C_b}; see
     * {@link GemmVariant#run}.
     */
    void run(boolean transA, boolean transB, int m, int n, int k, double alpha,
             ClBuffer a, int offA, int lda, int strideA,
             ClBuffer b, int offB, int ldb, int strideB,
             double beta, ClBuffer c, int offC, int ldc, int strideC, int batch) {
        variantFor(m, n, k).run(transA, transB, m, n, k, alpha, a, offA, lda, strideA, b, offB, ldb, strideB,
                beta, c, offC, ldc, strideC, batch);
    }
}
