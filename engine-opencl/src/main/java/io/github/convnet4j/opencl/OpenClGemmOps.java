package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.tensor.Tensor;

/** {@link GemmOps} on the tiled kernel of {@code gemm.cl}; a tensor is a (dim(0), size/dim(0)) matrix. */
final class OpenClGemmOps implements GemmOps {
    private final OpenClBackend backend;

    OpenClGemmOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        String op = "gemm";
        Checks chk = backend.checks();
        ClBuffer ba = chk.buffer(op, "a", a), bb = chk.buffer(op, "b", b), bc = chk.buffer(op, "c", c);
        int aRows = a.dim(0), aCols = a.shape().sampleSize();
        int bRows = b.dim(0), bCols = b.shape().sampleSize();
        int m = transA ? aCols : aRows, k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows, n = transB ? bRows : bCols;
        if (k != kb || c.dim(0) != m || c.shape().sampleSize() != n) {
            throw chk.error(op, "op(a) is (" + m + ", " + k + ") from a " + a.shape() + (transA ? "^T" : "")
                    + ", op(b) is (" + kb + ", " + n + ") from b " + b.shape() + (transB ? "^T" : "")
                    + ", c is " + c.shape() + "; need op(a) (M, K), op(b) (K, N), c (M, N)");
        }
        if (bc == ba || bc == bb) throw chk.error(op, "c " + c.shape() + " must not share memory with a or b");
        backend.gemmKernel().run(transA, transB, m, n, k, alpha,
                ba, 0, aCols, 0, bb, 0, bCols, 0, beta, bc, 0, n, 0, 1);
    }
}
