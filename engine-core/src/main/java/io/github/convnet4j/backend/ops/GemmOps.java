package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * General matrix multiply on row-major matrices. A tensor is read as a matrix of {@code dim(0)}
 * rows and {@code size()/dim(0)} columns.
 */
public interface GemmOps {
    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(m)} is m or its transpose.
     * With {@code op(a) (M, K)} and {@code op(b) (K, N)}, c is {@code (M, N)}. With beta 0, c's
     * previous contents are ignored (NaNs included).
     */
    void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);
}
