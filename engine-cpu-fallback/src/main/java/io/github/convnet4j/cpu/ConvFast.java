package io.github.convnet4j.cpu;

/**
 * F32 convolution through im2col and {@link Sgemm}, accumulating in float like cuDNN.
 * <ul>
 * <li>forward: {@code y_n (K, PQ) = w (K, CRS) . col(x_n) (CRS, PQ)}, then the bias;</li>
 * <li>backward data: {@code dcol (CRS, PQ) = w^T . dy_n}, then col2im onto dx_n;</li>
 * <li>backward filter: {@code dw (K, CRS) = sum_n dy_n (K, PQ) . col(x_n)^T}, or its transpose
 *     {@code col(x_n) . dy_n^T} when that wastes a quarter less of the register tiles (few channels); the
 *     images are summed in a fixed number of slices (fixed by the shapes, not by the thread count)
 *     whose partial sums are added in slice order; dbias summed in double.</li>
 * </ul>
 * The filters are packed once per call and shared by all images. With at least as many images as
 * workers, each worker takes a static range of images and runs single-threaded GEMMs; otherwise
 * images run one after another with multi-threaded GEMMs. Both give the same bits because a GEMM's
 * result does not depend on its partition.
 */
final class ConvFast {
    /** Number of image slices of the filter gradient (fewer when memory or the batch is small). */
    private static final int FILTER_SLICES = 16;
    /** Bound on the partial filter gradients kept at once, in floats. */
    private static final long PARTIALS_LIMIT = 1L << 24;

    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final Sgemm sgemm;

    ConvFast(CpuThreads threads, Workspaces workspaces, Sgemm sgemm) {
        this.threads = threads;
        this.workspaces = workspaces;
        this.sgemm = sgemm;
    }

    private boolean perImageWorkers(int images) {
        return threads.size() > 1 && images >= threads.size() && threads.currentWorker() == 0;
    }

    /** Forward pass; with {@code relu} the ReLU is applied with the bias ({@link ConvEpilogue}). */
    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        float[] packedW = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, sgemm.packedLength(g.k(), g.crs()));
        sgemm.packWhole(false, g.k(), g.crs(), w, 0, g.crs(), packedW);
        if (perImageWorkers(g.n())) {
            threads.forEach(g.n(), (n, worker) -> forwardImage(g, n, worker, true, x, packedW, bias, relu, y));
        } else {
            int worker = threads.currentWorker();
            for (int n = 0; n < g.n(); n++) forwardImage(g, n, worker, false, x, packedW, bias, relu, y);
        }
    }

    private void forwardImage(ConvGeometry g, int n, int worker, boolean serial, float[] x, float[] packedW, float[] bias, boolean relu,
                              float[] y) {
        int crs = g.crs();
        int pq = g.pq();
        int xOff = n * g.c() * g.h() * g.w();
        float[] col = x;
        int colOff = xOff;
        if (!Im2col.isIdentity(g)) {
            col = workspaces.get(worker, Workspaces.COLUMNS, (long) crs * pq);
            colOff = 0;
            Im2col.lower(g, x, xOff, col);
        }
        int yOff = n * g.k() * pq;
        gemmPacked(serial, worker, packedW, g.k(), pq, crs, false, col, colOff, pq, 0f, y, yOff, pq);
        ConvEpilogue.image(y, n, g.k(), pq, bias, relu);
    }

    void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        float[] packedWt = workspaces.shared(Workspaces.SHARED_PACKED_FILTERS, sgemm.packedLength(g.crs(), g.k()));
        sgemm.packWhole(true, g.crs(), g.k(), w, 0, g.crs(), packedWt);
        if (perImageWorkers(g.n())) {
            threads.forEach(g.n(), (n, worker) -> backwardDataImage(g, n, worker, true, dy, packedWt, dx));
        } else {
            int worker = threads.currentWorker();
            for (int n = 0; n < g.n(); n++) backwardDataImage(g, n, worker, false, dy, packedWt, dx);
        }
    }

    private void backwardDataImage(ConvGeometry g, int n, int worker, boolean serial, float[] dy, float[] packedWt, float[] dx) {
        int crs = g.crs();
        int pq = g.pq();
        int xOff = n * g.c() * g.h() * g.w();
        int dyOff = n * g.k() * pq;
        if (Im2col.isIdentity(g)) {
            gemmPacked(serial, worker, packedWt, crs, pq, g.k(), false, dy, dyOff, pq, 0f, dx, xOff, pq);
            return;
        }
        float[] dcol = workspaces.get(worker, Workspaces.PRODUCT, (long) crs * pq);
        gemmPacked(serial, worker, packedWt, crs, pq, g.k(), false, dy, dyOff, pq, 0f, dcol, 0, pq);
        Im2col.raise(g, dcol, dx, xOff);
    }

    void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int kcrs = g.k() * g.crs();
        int slices = (int) Math.max(1, Math.min(Math.min(g.n(), FILTER_SLICES), PARTIALS_LIMIT / kcrs));
        boolean transposed = tileArea(g.crs(), g.k()) * 4 < tileArea(g.k(), g.crs()) * 3;
        float[] partials = slices == 1 && !transposed ? dw : workspaces.shared(Workspaces.SHARED_PARTIALS, (long) slices * kcrs);
        if (slices > 1 && threads.size() > 1 && threads.currentWorker() == 0) {
            threads.forEach(slices, (s, worker) -> filterSlice(g, s, slices, transposed, worker, true, x, dy, partials));
        } else {
            int worker = threads.currentWorker();
            for (int s = 0; s < slices; s++) filterSlice(g, s, slices, transposed, worker, false, x, dy, partials);
        }
        if (partials != dw) sumSlices(partials, slices, g.k(), g.crs(), transposed, dw);
        if (dbias != null) biasGradient(g, dy, dbias);
    }

    /** Register-tile area an m x n product occupies: the work the micro-kernel really does. */
    private long tileArea(int m, int n) {
        return (long) Sgemm.roundUp(m, sgemm.mr()) * Sgemm.roundUp(n, sgemm.nr());
    }

    /**
     * Sums images {@code [s*N/slices, (s+1)*N/slices)} into partial {@code s}: (K, CRS), or
     * (CRS, K) when transposed.
     */
    private void filterSlice(ConvGeometry g, int s, int slices, boolean transposed, int worker, boolean serial,
                             float[] x, float[] dy, float[] partials) {
        int crs = g.crs();
        int pq = g.pq();
        int n0 = (int) ((long) s * g.n() / slices);
        int n1 = (int) ((long) (s + 1) * g.n() / slices);
        int out = s * g.k() * crs;
        for (int n = n0; n < n1; n++) {
            int xOff = n * g.c() * g.h() * g.w();
            float[] col = x;
            int colOff = xOff;
            if (!Im2col.isIdentity(g)) {
                col = workspaces.get(worker, Workspaces.COLUMNS, (long) crs * pq);
                colOff = 0;
                Im2col.lower(g, x, xOff, col);
            }
            float beta = n == n0 ? 0f : 1f;
            int dyOff = n * g.k() * pq;
            if (transposed) {
                gemm(serial, worker, false, true, crs, g.k(), pq, col, colOff, pq, dy, dyOff, pq, beta, partials, out, g.k());
            } else {
                gemm(serial, worker, false, true, g.k(), crs, pq, dy, dyOff, pq, col, colOff, pq, beta, partials, out, crs);
            }
        }
    }

    /** {@code dw[k][crs] = sum over s in order of partial s}, split over workers by output row. */
    private void sumSlices(float[] partials, int slices, int k, int crs, boolean transposed, float[] dw) {
        int len = k * crs;
        threads.forRange(k, Math.max(1, 4096 / crs), (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                for (int j = 0; j < crs; j++) {
                    int src = transposed ? j * k + row : row * crs + j;
                    float sum = partials[src];
                    for (int s = 1; s < slices; s++) sum += partials[s * len + src];
                    dw[row * crs + j] = sum;
                }
            }
        });
    }

    /**
     * {@code dbias[k] = sum_{n, pq} dy[n, k, pq]} in double, split over workers by k, each plane summed by
     * {@link PlaneSum}.
     */
    void biasGradient(ConvGeometry g, float[] dy, float[] dbias) {
        int pq = g.pq();
        threads.forRange(g.k(), Math.max(1, (1 << 15) / Math.max(1, g.n() * pq)), (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                double sum = 0;
                for (int n = 0; n < g.n(); n++) sum += PlaneSum.sum(dy, (n * g.k() + k) * pq, pq);
                dbias[k] = (float) sum;
            }
        });
    }

    private void gemm(boolean serial, int worker, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (serial) sgemm.serial(worker, transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else sgemm.gemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private void gemmPacked(boolean serial, int worker, float[] packedA, int m, int n, int k, boolean transB,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (serial) sgemm.serialPacked(worker, packedA, m, n, k, 1f, transB, b, bOff, ldb, beta, c, cOff, ldc);
        else sgemm.gemmPacked(packedA, m, n, k, 1f, transB, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
