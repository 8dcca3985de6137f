package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.Tensor;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;

/**
 * Reductions in two passes on the device ({@code reduction.cu}): per-block double partials, then
 * one block adds them; only the final double crosses to the host. Also the final pass of the
 * losses ({@link #finish}).
 */
final class CudaReductionOps implements ReductionOps {
    private static final int SUM = 0;
    private static final int SUM_OF_SQUARES = 1;
    private static final int SUM_OF_ABS = 2;

    private final CudaDevice d;

    CudaReductionOps(CudaDevice device) { this.d = device; }

    @Override public double sum(Tensor t) { return reduce(t, SUM, "sum"); }

    @Override public double sumOfSquares(Tensor t) { return reduce(t, SUM_OF_SQUARES, "sumOfSquares"); }

    @Override public double sumOfAbs(Tensor t) { return reduce(t, SUM_OF_ABS, "sumOfAbs"); }

    private double reduce(Tensor t, int mode, String op) {
        d.bind();
        long n = t.size();
        int blocks = CudaKernels.reductionGridFor(n);
        CUdeviceptr partials = partials(d);
        d.kernels().launch("reduction", "reduce_partial_f32", blocks, d.ptr(t, op), partials, mode, n);
        return finish(d, partials, blocks, 1.0, op);
    }

    @Override public long countArgmaxMatches(Tensor scores, Tensor targets) {
        String op = "countArgmaxMatches";
        Checks.sameSize(d, op, "scores", scores, "targets", targets);
        if (scores.dim(0) != targets.dim(0)) {
            throw Checks.error(d, op, "scores " + scores.shape() + " and targets " + targets.shape() + " have different row counts");
        }
        d.bind();
        int rows = scores.dim(0);
        int cols = Checks.intSize(d, op, "a row of " + scores.shape(), scores.size() / rows);
        CUdeviceptr partials = partials(d);
        int blocks;
        if (cols == 1) {
            blocks = CudaKernels.reductionGridFor(rows);
            d.kernels().launch("reduction", "binary_matches_f32", blocks, d.ptr(scores, op), d.ptr(targets, op), partials, (long) rows);
        } else {
            int warpsPerBlock = CudaKernels.BLOCK / 32;
            blocks = CudaKernels.reductionGridFor((long) rows * 32);
            blocks = Math.max(1, Math.min(blocks, (rows + warpsPerBlock - 1) / warpsPerBlock));
            d.kernels().launch("reduction", "argmax_matches_f32", blocks, d.ptr(scores, op), d.ptr(targets, op), partials, rows, cols);
        }
        return Math.round(finish(d, partials, blocks, 1.0, op));
    }

    /** The partials scratch: {@link CudaKernels#MAX_REDUCTION_BLOCKS} doubles, then the result slot. */
    static CUdeviceptr partials(CudaDevice d) {
        return d.partials().ensure((CudaKernels.MAX_REDUCTION_BLOCKS + 1L) * Sizeof.DOUBLE);
    }

    /**
     * Adds {@code count} partials on the device, multiplies by {@code scale} and returns the result,
     * waiting for the stream (the one host round trip of a reduction or loss).
     */
    static double finish(CudaDevice d, CUdeviceptr partials, int count, double scale, String op) {
        int slot = CudaKernels.MAX_REDUCTION_BLOCKS;
        d.kernels().launch("reduction", "finalize_sum_f64", 1, partials, count, scale, slot);
        double[] out = new double[1];
        d.copyToHost(Pointer.to(out), partials.withByteOffset((long) slot * Sizeof.DOUBLE), Sizeof.DOUBLE, op, "reading the result");
        return out[0];
    }
}
