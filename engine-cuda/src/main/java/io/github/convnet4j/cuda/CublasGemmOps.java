package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.tensor.Tensor;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasOperation;

/**
 * Row-major gemm on cuBLAS, which is column-major. A row-major {@code (M, N)} matrix is the
 * column-major {@code (N, M)} matrix of the same memory, i.e. its transpose, so
 * {@code C = op(A) op(B)} is computed as {@code C^T = op(B)^T op(A)^T}: swap the operands, keep
 * each one's transpose flag, and use each stored matrix's row length as its leading dimension.
 */
final class CublasGemmOps implements GemmOps {
    private final CudaDevice d;

    CublasGemmOps(CudaDevice device) { this.d = device; }

    @Override public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int aRows = a.dim(0);
        int aCols = a.shape().sampleSize();
        int bRows = b.dim(0);
        int bCols = b.shape().sampleSize();
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (k != kb) {
            throw Checks.error(d, "gemm", "op(a) is (" + m + ", " + k + ") from a " + a.shape() + (transA ? " transposed" : "")
                    + " but op(b) is (" + kb + ", " + n + ") from b " + b.shape() + (transB ? " transposed" : "") + ": inner dimensions differ");
        }
        if (c.dim(0) != m || c.size() != (long) m * n) {
            throw Checks.error(d, "gemm", "c " + c.shape() + " must hold (" + m + ", " + n + ") for a " + a.shape()
                    + (transA ? "^T" : "") + " times b " + b.shape() + (transB ? "^T" : ""));
        }
        d.bind();
        int status = JCublas2.cublasSgemm(d.cublas(),
                transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                n, m, k,
                Pointer.to(new float[] {(float) alpha}),
                d.ptr(b, "gemm"), bCols,
                d.ptr(a, "gemm"), aCols,
                Pointer.to(new float[] {(float) beta}),
                d.ptr(c, "gemm"), n);
        CudaErrors.cublas(status, "gemm", "a " + a.shape() + (transA ? "^T" : "") + ", b " + b.shape() + (transB ? "^T" : "")
                + ", c " + c.shape(), d.label());
    }
}
