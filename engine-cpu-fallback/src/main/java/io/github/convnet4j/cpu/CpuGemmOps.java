package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/**
 * Checks the matrix views, then runs a plain triple loop for F64 (the reference, summing in double)
 * or the blocked multi-threaded {@link Sgemm} for F32.
 */
final class CpuGemmOps implements GemmOps {
    private final Sgemm sgemm;

    CpuGemmOps(Sgemm sgemm) {
        this.sgemm = sgemm;
    }

    @Override public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        String op = "gemm";
        Checks.notNull(op, "a", a);
        Checks.notNull(op, "b", b);
        Checks.notNull(op, "c", c);
        DType dt = Checks.dtype(op, "a, b, c", a, b, c);
        int m = transA ? Checks.cols(a) : Checks.rows(a);
        int k = transA ? Checks.rows(a) : Checks.cols(a);
        int kb = transB ? Checks.cols(b) : Checks.rows(b);
        int n = transB ? Checks.rows(b) : Checks.cols(b);
        if (k != kb) throw Checks.fail(op, "inner dimensions differ: " + operands(transA, transB, a, b, m, k, kb, n));
        if (Checks.rows(c) != m || Checks.cols(c) != n) {
            throw Checks.fail(op, "c " + c.shape() + " is not (" + m + ", " + n + "): " + operands(transA, transB, a, b, m, k, kb, n));
        }
        if (c.buffer() == a.buffer() || c.buffer() == b.buffer()) {
            throw Checks.fail(op, "c " + c.shape() + " shares memory with an input");
        }
        int lda = Checks.cols(a);
        int ldb = Checks.cols(b);
        if (dt == DType.F64) {
            reference(transA, transB, m, n, k, alpha, Checks.f64(a), lda, Checks.f64(b), ldb, beta, Checks.f64(c), n);
        } else {
            sgemm.gemm(transA, transB, m, n, k, (float) alpha, Checks.f32(a), 0, lda, Checks.f32(b), 0, ldb,
                    (float) beta, Checks.f32(c), 0, n);
        }
    }

    /** The operands' shapes for an error message (built only when a check fails: gemm runs every step). */
    private static String operands(boolean transA, boolean transB, Tensor a, Tensor b, int m, int k, int kb, int n) {
        return "op(a) " + (transA ? "a^T " : "") + "(" + m + ", " + k + ") from a " + a.shape()
                + ", op(b) " + (transB ? "b^T " : "") + "(" + kb + ", " + n + ") from b " + b.shape();
    }

    /** {@code c[i][j] = alpha sum_p op(a)[i][p] op(b)[p][j] + beta c[i][j]}, c unread when beta is 0. */
    static void reference(boolean transA, boolean transB, int m, int n, int k, double alpha,
                          double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[p * lda + i] : a[i * lda + p];
                    double bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }
                int at = i * ldc + j;
                c[at] = beta == 0 ? alpha * sum : alpha * sum + beta * c[at];
            }
        }
    }
}
