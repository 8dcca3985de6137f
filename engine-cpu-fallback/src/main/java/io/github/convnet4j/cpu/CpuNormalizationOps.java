package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks shapes, then runs {@link BatchNormReference} for F64 or {@link BatchNormFast} for F32. */
final class CpuNormalizationOps implements NormalizationOps {
    private final BatchNormFast fast;

    CpuNormalizationOps(CpuThreads threads) {
        this.fast = new BatchNormFast(threads);
    }

    /** Checks x (N, C[, H, W]) and the per-channel tensors; returns {N, C, H*W}. */
    private static int[] layout(String op, Tensor x, String[] names, Tensor... perChannel) {
        Checks.notNull(op, "x", x);
        Checks.rank(op, "x", x, 2, 4);
        int n = x.dim(0);
        int c = x.dim(1);
        for (int i = 0; i < perChannel.length; i++) {
            Checks.notNull(op, names[i], perChannel[i]);
            if (perChannel[i].size() != c) Checks.vector(op, names[i], perChannel[i], c, "one per channel of x " + x.shape());
        }
        return new int[] {n, c, (int) (x.size() / ((long) n * c))};
    }

    @Override public void forwardTraining(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                                          Tensor runningMean, Tensor runningVar,
                                          Tensor y, Tensor saveMean, Tensor saveInvStd) {
        String op = "batch-norm forward training";
        int[] l = layout(op, x, new String[] {"gamma", "beta", "runningMean", "runningVar", "saveMean", "saveInvStd"},
                gamma, beta, runningMean, runningVar, saveMean, saveInvStd);
        Checks.notNull(op, "y", y);
        Checks.sameShape(op, "x", x, "y", y);
        DType dt = Checks.dtype(op, new String[] {"x", "gamma", "beta", "runningMean", "runningVar", "y", "saveMean", "saveInvStd"},
                x, gamma, beta, runningMean, runningVar, y, saveMean, saveInvStd);
        if (dt == DType.F64) {
            BatchNormReference.forwardTraining(p, l[0], l[1], l[2], Checks.f64(x), Checks.f64(gamma), Checks.f64(beta),
                    Checks.f64(runningMean), Checks.f64(runningVar), Checks.f64(y), Checks.f64(saveMean), Checks.f64(saveInvStd));
        } else {
            fast.forwardTraining(p, l[0], l[1], l[2], Checks.f32(x), Checks.f32(gamma), Checks.f32(beta),
                    Checks.f32(runningMean), Checks.f32(runningVar), Checks.f32(y), Checks.f32(saveMean), Checks.f32(saveInvStd));
        }
    }

    @Override public void forwardInference(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                                           Tensor runningMean, Tensor runningVar, Tensor y) {
        String op = "batch-norm forward inference";
        int[] l = layout(op, x, new String[] {"gamma", "beta", "runningMean", "runningVar"}, gamma, beta, runningMean, runningVar);
        Checks.notNull(op, "y", y);
        Checks.sameShape(op, "x", x, "y", y);
        DType dt = Checks.dtype(op, new String[] {"x", "gamma", "beta", "runningMean", "runningVar", "y"},
                x, gamma, beta, runningMean, runningVar, y);
        if (dt == DType.F64) {
            BatchNormReference.forwardInference(p, l[0], l[1], l[2], Checks.f64(x), Checks.f64(gamma), Checks.f64(beta),
                    Checks.f64(runningMean), Checks.f64(runningVar), Checks.f64(y));
        } else {
            fast.forwardInference(p, l[0], l[1], l[2], Checks.f32(x), Checks.f32(gamma), Checks.f32(beta),
                    Checks.f32(runningMean), Checks.f32(runningVar), Checks.f32(y));
        }
    }

    @Override public void backward(BatchNormParams p, Tensor x, Tensor dy, Tensor gamma,
                                   Tensor saveMean, Tensor saveInvStd,
                                   Tensor dx, Tensor dgamma, Tensor dbeta) {
        String op = "batch-norm backward";
        int[] l = layout(op, x, new String[] {"gamma", "saveMean", "saveInvStd", "dgamma", "dbeta"},
                gamma, saveMean, saveInvStd, dgamma, dbeta);
        Checks.notNull(op, "dy", dy);
        Checks.notNull(op, "dx", dx);
        Checks.sameShape(op, "x", x, "dy", dy);
        Checks.sameShape(op, "x", x, "dx", dx);
        DType dt = Checks.dtype(op, new String[] {"x", "dy", "gamma", "saveMean", "saveInvStd", "dx", "dgamma", "dbeta"},
                x, dy, gamma, saveMean, saveInvStd, dx, dgamma, dbeta);
        if (dt == DType.F64) {
            BatchNormReference.backward(l[0], l[1], l[2], Checks.f64(x), Checks.f64(dy), Checks.f64(gamma),
                    Checks.f64(saveMean), Checks.f64(saveInvStd), Checks.f64(dx), Checks.f64(dgamma), Checks.f64(dbeta));
        } else {
            fast.backward(l[0], l[1], l[2], Checks.f32(x), Checks.f32(dy), Checks.f32(gamma),
                    Checks.f32(saveMean), Checks.f32(saveInvStd), Checks.f32(dx), Checks.f32(dgamma), Checks.f32(dbeta));
        }
    }
}
