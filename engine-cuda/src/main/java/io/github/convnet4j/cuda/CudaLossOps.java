package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.tensor.Tensor;
import jcuda.driver.CUdeviceptr;

/**
 * Fused losses ({@code loss.cu}): one kernel writes the gradient and per-block partial losses,
 * {@code finalize_sum_f64} adds them on the device, and one double comes back to the host.
 */
final class CudaLossOps implements LossOps {
    private final CudaDevice d;

    CudaLossOps(CudaDevice device) { this.d = device; }

    @Override public double forwardBackward(LossKind kind, Tensor output, Tensor target, Tensor grad) {
        String op = "loss " + kind;
        Checks.sameSize(d, op, "output", output, "target", target);
        if (output.dim(0) != target.dim(0)) {
            throw Checks.error(d, op, "output " + output.shape() + " and target " + target.shape() + " have different batch sizes");
        }
        if (grad != null) Checks.sameSize(d, op, "output", output, "grad", grad);
        d.bind();
        int rows = output.dim(0);
        long n = output.size();
        int cols = Checks.intSize(d, op, "a row of " + output.shape(), n / rows);
        CUdeviceptr partials = CudaReductionOps.partials(d);
        CUdeviceptr g = grad == null ? CudaKernels.NULL : d.ptr(grad, op);
        CUdeviceptr o = d.ptr(output, op);
        CUdeviceptr t = d.ptr(target, op);
        int blocks;
        double scale;
        if (kind == LossKind.SOFTMAX_CROSS_ENTROPY) {
            int warpsPerBlock = CudaKernels.BLOCK / 32;
            blocks = Math.max(1, Math.min(CudaKernels.MAX_REDUCTION_BLOCKS, (rows + warpsPerBlock - 1) / warpsPerBlock));
            scale = 1.0 / rows;
            d.kernels().launch("loss", "softmax_cross_entropy_f32", blocks, o, t, g, partials, rows, cols, (float) scale);
        } else {
            String kernel = switch (kind) {
                case SIGMOID_BINARY_CROSS_ENTROPY -> "sigmoid_binary_cross_entropy_f32";
                case MEAN_SQUARED_ERROR -> "mean_squared_error_f32";
                case MEAN_ABSOLUTE_ERROR -> "mean_absolute_error_f32";
                default -> throw new IllegalStateException(kind.toString());
            };
            blocks = CudaKernels.reductionGridFor(n);
            scale = 1.0 / n;
            d.kernels().launch("loss", kernel, blocks, o, t, g, partials, n, (float) scale);
        }
        return CudaReductionOps.finish(d, partials, blocks, scale, op);
    }
}
