package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tiled GEMM of {@code gemm.cl} with a tile that fits this device: the first candidate whose
 * work-group fits CL_DEVICE_MAX_WORK_GROUP_SIZE and whose tiles fit CL_DEVICE_LOCAL_MEM_SIZE, and,
 * once built, whose kernel reports a CL_KERNEL_WORK_GROUP_SIZE at least that large (register
 * pressure can lower it below the device limit).
 */
final class GemmKernel {
    /**
     * A tile: {@code tsM x tsN} outputs per work-group, {@code tsK}-deep local slices,
     * {@code wptM x wptN} outputs per work-item.
     */
    record Tile(int tsM, int tsN, int tsK, int wptM, int wptN) {
        int threadsM() { return tsM / wptM; }
        int threadsN() { return tsN / wptN; }
        int groupSize() { return threadsM() * threadsN(); }
        long localBytes() { return (long) (tsM + tsN) * tsK * Float.BYTES; }
        String options() {
            return String.format(Locale.ROOT, "-D TS_M=%d -D TS_N=%d -D TS_K=%d -D WPT_M=%d -D WPT_N=%d", tsM, tsN, tsK, wptM, wptN);
        }
    }

    /** Largest first: more reuse per load when the device can take it. */
    static final List<Tile> CANDIDATES = List.of(
            new Tile(64, 64, 16, 4, 4),   // 256 work-items, 8 KiB local
            new Tile(32, 32, 16, 2, 2),   // 256 work-items, 4 KiB
            new Tile(32, 32, 16, 4, 4),   // 64 work-items, 4 KiB
            new Tile(16, 16, 8, 2, 2),    // 64 work-items, 1 KiB
            new Tile(8, 8, 8, 2, 2),      // 16 work-items, 512 B
            new Tile(4, 4, 4, 2, 2));     // 4 work-items, 128 B

    private final OpenClBackend backend;
    private final Tile tile;
    private final ClKernel kernel;

    private GemmKernel(OpenClBackend backend, Tile tile, ClKernel kernel) {
        this.backend = backend;
        this.tile = tile;
        this.kernel = kernel;
    }

    /** Builds the GEMM with the largest candidate tile this device accepts. */
    static GemmKernel choose(OpenClBackend backend) {
        ClDevice d = backend.device();
        List<String> rejected = new ArrayList<>();
        for (Tile t : CANDIDATES) {
            if (t.groupSize() > d.maxWorkGroupSize() || t.localBytes() > d.localMemory()) {
                rejected.add(t + ": exceeds device limits");
                continue;
            }
            ClKernel k = backend.programs().family("gemm", t.options()).kernel("gemm_tiled");
            if (k.maxWorkGroupSize() < t.groupSize() || k.localMemory() > d.localMemory()) {
                rejected.add(t + ": kernel allows " + k.maxWorkGroupSize() + " work-items");
                continue;
            }
            return new GemmKernel(backend, t, k);
        }
        throw new BackendException("opencl gemm: no tile fits device " + d.name() + " (max work-group "
                + d.maxWorkGroupSize() + ", local memory " + d.localMemory() + " bytes): " + rejected);
    }

    /**
     * The GEMM with exactly this tile (tests run every candidate, so the fallbacks that other
     * devices pick are verified here too); null when the device cannot run it.
     */
    static GemmKernel withTile(OpenClBackend backend, Tile t) {
        ClDevice d = backend.device();
        if (t.groupSize() > d.maxWorkGroupSize() || t.localBytes() > d.localMemory()) return null;
        ClKernel k = backend.programs().family("gemm", t.options()).kernel("gemm_tiled");
        if (k.maxWorkGroupSize() < t.groupSize()) return null;
        return new GemmKernel(backend, t, k);
    }

    /** The chosen tile. */
    Tile tile() { return tile; }

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
        long groupsN = (n + tile.tsN() - 1) / tile.tsN();
        long groupsM = (m + tile.tsM() - 1) / tile.tsM();
        backend.call(kernel)
                .i(m).i(n).i(k).f(alpha).f(beta)
                .buf(a).i(offA).i(lda).i(strideA).i(transA ? 1 : 0)
                .buf(b).i(offB).i(ldb).i(strideB).i(transB ? 1 : 0)
                .buf(c).i(offC).i(ldc).i(strideC)
                .run(new long[] {groupsN * tile.threadsN(), groupsM * tile.threadsM(), batch},
                     new long[] {tile.threadsN(), tile.threadsM(), 1});
    }
}
