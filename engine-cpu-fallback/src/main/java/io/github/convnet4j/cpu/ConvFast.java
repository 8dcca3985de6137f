package io.github.convnet4j.cpu;

/**
 * F32 convolution through im2col and {@link Sgemm}, accumulating in float like cuDNN.
 * <ul>
 * <li>forward: {@code y_n (K, PQ) = w (K, CRS) . col(x_n) (CRS, PQ)}, then the bias;</li>
 * <li>backward data: {@code dcol (CRS, PQ) = w^T . dy_n}, then col2im onto dx_n;</li>
 * <li>backward filter: {@code dw (K, CRS) = sum_n dy_n (K, PQ) . col(x_n)^T}, the images summed in a
 *     fixed number of slices (fixed by the shapes, not by the thread count) whose partial sums are
 *     added in slice order; dbias summed in double.</li>
 * </ul>
 * With at least as many images as workers, each worker takes a static range of images and runs
 * single-threaded GEMMs; otherwise images run one after another with multi-threaded GEMMs. Both
 * give the same bits because a GEMM's result does not depend on its partition.
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

    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (perImageWorkers(g.n())) {
            threads.forEach(g.n(), (n, worker) -> forwardImage(g, n, worker, true, x, w, bias, y));
        } else {
            int worker = threads.currentWorker();
            for (int n = 0; n < g.n(); n++) forwardImage(g, n, worker, false, x, w, bias, y);
        }
    }

    private void forwardImage(ConvGeometry g, int n, int worker, boolean serial, float[] x, float[] w, float[] bias, float[] y) {
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
        gemm(serial, worker, false, false, g.k(), pq, crs, w, 0, crs, col, colOff, pq, 0f, y, yOff, pq);
        if (bias != null) {
            for (int k = 0; k < g.k(); k++) {
                float b = bias[k];
                int row = yOff + k * pq;
                for (int i = 0; i < pq; i++) y[row + i] += b;
            }
        }
    }

    void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        if (perImageWorkers(g.n())) {
            threads.forEach(g.n(), (n, worker) -> backwardDataImage(g, n, worker, true, dy, w, dx));
        } else {
            int worker = threads.currentWorker();
            for (int n = 0; n < g.n(); n++) backwardDataImage(g, n, worker, false, dy, w, dx);
        }
    }

    private void backwardDataImage(ConvGeometry g, int n, int worker, boolean serial, float[] dy, float[] w, float[] dx) {
        int crs = g.crs();
        int pq = g.pq();
        int xOff = n * g.c() * g.h() * g.w();
        int dyOff = n * g.k() * pq;
        if (Im2col.isIdentity(g)) {
            gemm(serial, worker, true, false, crs, pq, g.k(), w, 0, crs, dy, dyOff, pq, 0f, dx, xOff, pq);
            return;
        }
        float[] dcol = workspaces.get(worker, Workspaces.PRODUCT, (long) crs * pq);
        gemm(serial, worker, true, false, crs, pq, g.k(), w, 0, crs, dy, dyOff, pq, 0f, dcol, 0, pq);
        Im2col.raise(g, dcol, dx, xOff);
    }

    void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int kcrs = g.k() * g.crs();
        int slices = (int) Math.max(1, Math.min(Math.min(g.n(), FILTER_SLICES), PARTIALS_LIMIT / kcrs));
        float[] partials = slices == 1 ? dw : workspaces.shared(Workspaces.SHARED_PARTIALS, (long) slices * kcrs);
        if (slices > 1 && threads.size() > 1 && threads.currentWorker() == 0) {
            threads.forEach(slices, (s, worker) -> filterSlice(g, s, slices, worker, true, x, dy, partials));
        } else {
            int worker = threads.currentWorker();
            for (int s = 0; s < slices; s++) filterSlice(g, s, slices, worker, false, x, dy, partials);
        }
        if (slices > 1) sumSlices(partials, slices, kcrs, dw);
        if (dbias != null) biasGradient(g, dy, dbias);
    }

    /** Sums images {@code [s*N/slices, (s+1)*N/slices)} into partial {@code s} (K, CRS). */
    private void filterSlice(ConvGeometry g, int s, int slices, int worker, boolean serial, float[] x, float[] dy, float[] partials) {
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
            gemm(serial, worker, false, true, g.k(), crs, pq, dy, n * g.k() * pq, pq, col, colOff, pq,
                    n == n0 ? 0f : 1f, partials, out, crs);
        }
    }

    /** {@code dw[i] = sum over s in order of partials[s][i]}, split over workers by index. */
    private void sumSlices(float[] partials, int slices, int len, float[] dw) {
        int blocks = Math.max(1, Math.min(threads.size(), len / 4096));
        threads.forEach(blocks, (blk, worker) -> {
            int lo = (int) ((long) blk * len / blocks);
            int hi = (int) ((long) (blk + 1) * len / blocks);
            System.arraycopy(partials, lo, dw, lo, hi - lo);
            for (int s = 1; s < slices; s++) {
                int off = s * len;
                for (int i = lo; i < hi; i++) dw[i] += partials[off + i];
            }
        });
    }

    private static void biasGradient(ConvGeometry g, float[] dy, float[] dbias) {
        int pq = g.pq();
        for (int k = 0; k < g.k(); k++) {
            double sum = 0;
            for (int n = 0; n < g.n(); n++) {
                int row = (n * g.k() + k) * pq;
                for (int i = 0; i < pq; i++) sum += dy[row + i];
            }
            dbias[k] = (float) sum;
        }
    }

    private void gemm(boolean serial, int worker, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (serial) sgemm.serial(worker, transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else sgemm.gemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
