package io.github.convnet4j.cpu;

/**
 * A batch of planes {@code (N*C, H, W)} seen with a zero border, as the implicit-GEMM convolutions
 * read it: either the source array itself (no border needed) or a copy {@code (N*C, rows, cols)}
 * with the source at row {@code top}, column {@code left}. Source rows or columns that fall outside
 * the copy are dropped (they are never read).
 *
 * @param data the array to read
 * @param rows rows per plane of {@code data}
 * @param cols columns per row of {@code data}
 */
record PaddedPlanes(float[] data, int rows, int cols) {

    /** Floats per plane. */
    int planeSize() { return rows * cols; }

    /**
     * {@code src} itself when {@code top == 0 && left == 0} and the shape already is (rows, cols),
     * else a copy in the shared workspace {@code kind}, planes split over the workers.
     */
    static PaddedPlanes of(CpuThreads threads, Workspaces workspaces, int kind, float[] src, int planes, int h, int w,
                           int top, int left, int rows, int cols) {
        return of(threads, workspaces, kind, src, null, null, planes, h, w, top, left, rows, cols);
    }

    /**
     * As above, but with {@code mask} not null the copy (always made then) holds
     * {@code relu.backward(mask, src)}: {@code src} where {@code mask > 0}, else 0 (the fused ReLU's
     * gradient, mask being the ReLU's output, laid out like src).
     */
    static PaddedPlanes of(CpuThreads threads, Workspaces workspaces, int kind, float[] src, float[] mask, ReluKernel relu,
                           int planes, int h, int w, int top, int left, int rows, int cols) {
        if (mask == null && top == 0 && left == 0 && rows == h && cols == w) return new PaddedPlanes(src, rows, cols);
        float[] dst = workspaces.shared(kind, (long) planes * rows * cols);
        int rowLo = Math.max(0, -top);
        int rowHi = Math.min(h, rows - top);
        int colLo = Math.max(0, -left);
        int colHi = Math.min(w, cols - left);
        // Destination rows [firstRow, endRow) and columns [firstCol, endCol) receive the source; only
        // the border around them is zeroed (zeroing whole planes first wrote most floats twice).
        int firstRow = rowLo + top;
        int endRow = rowHi + top;
        int firstCol = colLo + left;
        int endCol = colHi + left;
        boolean empty = rowHi <= rowLo || colHi <= colLo;
        threads.forRange(planes, Math.max(1, 8192 / (rows * cols)), (lo, hi) -> {
            for (int plane = lo; plane < hi; plane++) {
                int out = plane * rows * cols;
                if (empty) {
                    java.util.Arrays.fill(dst, out, out + rows * cols, 0f);
                    continue;
                }
                java.util.Arrays.fill(dst, out, out + firstRow * cols, 0f);
                for (int i = rowLo; i < rowHi; i++) {
                    int row = out + (i + top) * cols;
                    for (int j = 0; j < firstCol; j++) dst[row + j] = 0f;
                    int from = (plane * h + i) * w + colLo;
                    if (mask == null) System.arraycopy(src, from, dst, row + firstCol, colHi - colLo);
                    else relu.backward(mask, src, from, dst, row + firstCol, colHi - colLo);
                    for (int j = endCol; j < cols; j++) dst[row + j] = 0f;
                }
                java.util.Arrays.fill(dst, out + endRow * cols, out + rows * cols, 0f);
            }
        });
        return new PaddedPlanes(dst, rows, cols);
    }
}
