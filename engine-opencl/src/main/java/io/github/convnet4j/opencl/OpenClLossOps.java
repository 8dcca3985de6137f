package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@link LossOps} on {@code loss.cl}: one kernel writes the gradient and a loss term per row
 * (softmax cross-entropy) or per element, the terms are summed on the device, and only that sum
 * comes back. Outputs are read as (dim(0), size/dim(0)) matrices.
 */
final class OpenClLossOps implements LossOps {
    private static final String FAMILY = "loss";
    private static final int ROW_GROUP_CAP = 128;

    private final OpenClBackend backend;

    OpenClLossOps(OpenClBackend backend) { this.backend = backend; }

    @Override public double forwardBackward(LossKind kind, Tensor output, Tensor target, Tensor grad) {
        Checks chk = backend.checks();
        String op = "loss." + kind;
        if (kind == null) throw chk.error("loss", "kind is null");
        ClBuffer bo = chk.buffer(op, "output", output), bt = chk.buffer(op, "target", target);
        chk.shape(op, "target", target, output.shape());
        ClBuffer bg = null;
        if (grad != null) {
            bg = chk.buffer(op, "grad", grad);
            chk.shape(op, "grad", grad, output.shape());
        }
        int rows = output.dim(0), cols = output.shape().sampleSize();
        int n = (int) output.size();
        // The kernels skip the gradient store when grad is null, but still need a valid buffer argument.
        ClBuffer gradArg = bg != null ? bg : bo;
        if (kind == LossKind.SOFTMAX_CROSS_ENTROPY) {
            ClBuffer terms = backend.scratch().get("loss terms", rows);
            ClKernel k = backend.programs().family(FAMILY, "").kernel("softmax_cross_entropy");
            int group = k.powerOfTwoGroupSize(Math.min(ROW_GROUP_CAP, nextPowerOfTwo(cols)));
            backend.call(k).buf(bo).buf(bt).buf(gradArg).buf(terms).i(cols).f(1.0 / rows).i(bg != null ? 1 : 0)
                    .local((long) group * Float.BYTES).runGroups(rows, group);
            return backend.reductionOps().sum(terms, rows) / rows;
        }
        int code = switch (kind) {
            case SIGMOID_BINARY_CROSS_ENTROPY -> 1;
            case MEAN_SQUARED_ERROR -> 2;
            case MEAN_ABSOLUTE_ERROR -> 3;
            case SOFTMAX_CROSS_ENTROPY -> throw new AssertionError("handled above");
        };
        ClBuffer terms = backend.scratch().get("loss terms", n);
        backend.call(FAMILY, "elementwise_loss").buf(bo).buf(bt).buf(gradArg).buf(terms).i(n).i(code)
                .f(1.0 / ((double) rows * cols)).i(bg != null ? 1 : 0).run1d(n);
        return backend.reductionOps().sum(terms, n) / ((double) rows * cols);
    }

    static int nextPowerOfTwo(int n) {
        int p = 1;
        while (p < n && p < (1 << 30)) p <<= 1;
        return p;
    }
}
