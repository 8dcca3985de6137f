package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@link NormalizationOps} on {@code normalization.cl}: per-channel statistics and gradient sums
 * are reduced on the device (one work-group per channel), then applied element-wise. Nothing
 * returns to the host.
 */
final class OpenClNormalizationOps implements NormalizationOps {
    private static final String FAMILY = "normalization";
    private static final int REDUCE_GROUP = 256;

    private final OpenClBackend backend;

    OpenClNormalizationOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void forwardTraining(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                                          Tensor runningMean, Tensor runningVar,
                                          Tensor y, Tensor saveMean, Tensor saveInvStd) {
        String op = "batchNorm.forwardTraining";
        Checks chk = backend.checks();
        Geometry g = geometry(chk, op, p, x);
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y);
        chk.shape(op, "y", y, x.shape());
        ClBuffer bg = channel(chk, op, "gamma", gamma, g), bb = channel(chk, op, "beta", beta, g);
        ClBuffer brm = channel(chk, op, "runningMean", runningMean, g), brv = channel(chk, op, "runningVar", runningVar, g);
        ClBuffer bsm = channel(chk, op, "saveMean", saveMean, g), bsi = channel(chk, op, "saveInvStd", saveInvStd, g);
        ClKernel stats = backend.programs().family(FAMILY, "").kernel("bn_train_stats");
        int group = stats.powerOfTwoGroupSize(REDUCE_GROUP);
        backend.call(stats).buf(bx).i(g.n).i(g.c).i(g.hw).f(p.epsilon()).f(p.averagingFactor())
                .buf(bsm).buf(bsi).buf(brm).buf(brv).local((long) group * Float.BYTES).runGroups(g.c, group);
        backend.call(FAMILY, "bn_normalize").buf(bx).buf(by).buf(bg).buf(bb).buf(bsm).buf(bsi)
                .i(g.c).i(g.hw).run3d(g.hw, g.c, g.n);
    }

    @Override public void forwardInference(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                                           Tensor runningMean, Tensor runningVar, Tensor y) {
        String op = "batchNorm.forwardInference";
        Checks chk = backend.checks();
        Geometry g = geometry(chk, op, p, x);
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y);
        chk.shape(op, "y", y, x.shape());
        ClBuffer bg = channel(chk, op, "gamma", gamma, g), bb = channel(chk, op, "beta", beta, g);
        ClBuffer brm = channel(chk, op, "runningMean", runningMean, g), brv = channel(chk, op, "runningVar", runningVar, g);
        backend.call(FAMILY, "bn_inference").buf(bx).buf(by).buf(bg).buf(bb).buf(brm).buf(brv)
                .i(g.c).i(g.hw).f(p.epsilon()).run3d(g.hw, g.c, g.n);
    }

    @Override public void backward(BatchNormParams p, Tensor x, Tensor dy, Tensor gamma,
                                   Tensor saveMean, Tensor saveInvStd,
                                   Tensor dx, Tensor dgamma, Tensor dbeta) {
        String op = "batchNorm.backward";
        Checks chk = backend.checks();
        Geometry g = geometry(chk, op, p, x);
        ClBuffer bx = chk.buffer(op, "x", x), bdy = chk.buffer(op, "dy", dy), bdx = chk.buffer(op, "dx", dx);
        chk.shape(op, "dy", dy, x.shape());
        chk.shape(op, "dx", dx, x.shape());
        ClBuffer bg = channel(chk, op, "gamma", gamma, g);
        ClBuffer bsm = channel(chk, op, "saveMean", saveMean, g), bsi = channel(chk, op, "saveInvStd", saveInvStd, g);
        ClBuffer bdg = channel(chk, op, "dgamma", dgamma, g), bdb = channel(chk, op, "dbeta", dbeta, g);
        ClKernel reduce = backend.programs().family(FAMILY, "").kernel("bn_backward_reduce");
        int group = reduce.powerOfTwoGroupSize(REDUCE_GROUP);
        backend.call(reduce).buf(bx).buf(bdy).buf(bsm).buf(bsi).i(g.n).i(g.c).i(g.hw).buf(bdg).buf(bdb)
                .local((long) group * Float.BYTES).runGroups(g.c, group);
        backend.call(FAMILY, "bn_backward_data").buf(bx).buf(bdy).buf(bg).buf(bsm).buf(bsi).buf(bdg).buf(bdb).buf(bdx)
                .i(g.c).i(g.hw).i(g.n * g.hw).run3d(g.hw, g.c, g.n);
    }

    /** x viewed as (n, c, hw). */
    private record Geometry(int n, int c, int hw) {}

    private static Geometry geometry(Checks chk, String op, BatchNormParams p, Tensor x) {
        if (p == null) throw chk.error(op, "batch-norm params are null");
        if (x == null) throw chk.error(op, "x is null");
        chk.rank(op, "x", x, 2, 4);
        int hw = x.shape().rank() == 4 ? x.dim(2) * x.dim(3) : 1;
        return new Geometry(x.dim(0), x.dim(1), hw);
    }

    private static ClBuffer channel(Checks chk, String op, String role, Tensor t, Geometry g) {
        ClBuffer b = chk.buffer(op, role, t);
        chk.shape(op, role, t, Shape.of(g.c));
        return b;
    }
}
