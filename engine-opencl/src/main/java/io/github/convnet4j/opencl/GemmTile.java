package io.github.convnet4j.opencl;

import java.util.Locale;

/**
 * A tile of {@code gemm.cl}: {@code tsM x tsN} outputs per work-group, {@code tsK}-deep slices of A
 * and B staged in local memory, {@code wptM x wptN} outputs per work-item.
 */
record GemmTile(int tsM, int tsN, int tsK, int wptM, int wptN) {
    int threadsM() { return tsM / wptM; }

    int threadsN() { return tsN / wptN; }

    /** Work-items per work-group. */
    int groupSize() { return threadsM() * threadsN(); }

    /** Local memory the two staged slices take. */
    long localBytes() { return (long) (tsM + tsN) * tsK * Float.BYTES; }

    /** The -D options that compile gemm.cl for this tile. */
    String options() {
        return String.format(Locale.ROOT, "-D TS_M=%d -D TS_N=%d -D TS_K=%d -D WPT_M=%d -D WPT_N=%d", tsM, tsN, tsK, wptM, wptN);
    }

    /** Whether the device's limits admit this tile (before building; the kernel's own limit comes after). */
    boolean fits(ClDevice d) {
        return groupSize() <= d.maxWorkGroupSize() && localBytes() <= d.localMemory();
    }

    /**
     * The fraction of the multiply-adds this tile performs that are real for an (m, n, k) product:
     * edge tiles pad every dimension up to a tile multiple.
     */
    double utilization(long m, long n, long k) {
        return (double) m * n * k / (roundUp(m, tsM) * roundUp(n, tsN) * roundUp(k, tsK));
    }

    private static double roundUp(long v, int t) {
        return (double) ((v + t - 1) / t) * t;
    }
}
