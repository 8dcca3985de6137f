package io.github.convnet4j.cpu;

/**
 * Index tables of the 2x2 stride-2 pooling of one plane geometry, made once and kept: a network
 * pools a handful of geometries, every step. Lookups are lock-free over a small copy-on-write array
 * (no allocation once every geometry has been seen); at most {@link #KEPT} geometries are kept, the
 * oldest dropped first.
 */
final class PoolTables {
    private static final int KEPT = 16;

    /**
     * @param h      plane rows
     * @param w      plane columns
     * @param corner for window {@code o} (output order), the offset of its top-left cell in the plane
     * @param source for cell {@code i} of the plane, the index of its value in the routed gradients:
     *               {@code pos * windows + o} for a cell of window {@code o} at position {@code pos}
     *               (0 top left, 1 top right, 2 bottom left, 3 bottom right), {@code 4 * windows} (a
     *               zero) for a dropped last row or column
     */
    record Entry(int h, int w, int[] corner, int[] source) {}

    private volatile Entry[] entries = new Entry[0];

    /** The tables of {@code g}'s planes (2x2 windows, stride 2, no padding). */
    Entry of(PoolGeometry g) {
        for (Entry e : entries) if (e.h() == g.h() && e.w() == g.w()) return e;
        synchronized (this) {
            Entry[] now = entries;
            for (Entry e : now) if (e.h() == g.h() && e.w() == g.w()) return e;
            Entry made = make(g.h(), g.w());
            int keep = Math.min(now.length, KEPT - 1);
            Entry[] next = new Entry[keep + 1];
            System.arraycopy(now, now.length - keep, next, 0, keep);
            next[keep] = made;
            entries = next;
            return made;
        }
    }

    static Entry make(int h, int w) {
        int p = h / 2;
        int q = w / 2;
        int windows = p * q;
        int[] corner = new int[windows];
        for (int o = 0; o < windows; o++) corner[o] = 2 * (o / q) * w + 2 * (o % q);
        int[] source = new int[h * w];
        for (int i = 0; i < source.length; i++) {
            int row = i / w;
            int col = i % w;
            boolean dropped = row >= 2 * p || col >= 2 * q;
            source[i] = dropped ? 4 * windows : ((row & 1) * 2 + (col & 1)) * windows + (row / 2) * q + col / 2;
        }
        return new Entry(h, w, corner, source);
    }
}
