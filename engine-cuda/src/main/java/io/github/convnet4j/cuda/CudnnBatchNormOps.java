package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.tensor.Tensor;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnBatchNormMode;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * Batch normalization in cuDNN: SPATIAL mode for {@code (N, C, H, W)} (statistics over N, H, W),
 * PER_ACTIVATION for {@code (N, C)} viewed as {@code (N, C, 1, 1)} (statistics over N). cuDNN's
 * conventions are the SPI's: the running variance is updated with the unbiased batch variance,
 * {@code running = (1 - f) running + f batch} with f = exponentialAverageFactor, and the saved
 * inverse variance is {@code 1/sqrt(var + eps)} of the biased batch variance.
 */
final class CudnnBatchNormOps implements NormalizationOps {
    private static final Pointer ONE = Pointer.to(new float[] {1f});
    private static final Pointer ZERO = Pointer.to(new float[] {0f});

    private final CudaDevice d;

    CudnnBatchNormOps(CudaDevice device) { this.d = device; }

    /** The x descriptor, mode and per-channel descriptor for one call, after the shape checks. */
    private record Layout(cudnnTensorDescriptor x, int mode, cudnnTensorDescriptor channels, int c) {}

    private Layout layout(String op, Tensor x, Tensor... perChannel) {
        int rank = x.shape().rank();
        if (rank != 2 && rank != 4) throw Checks.error(d, op, "x " + x.shape() + " must be (N, C) or (N, C, H, W)");
        Checks.intSize(d, op, "x " + x.shape(), x.size());
        int n = x.dim(0);
        int c = x.dim(1);
        for (Tensor t : perChannel) Checks.shape(d, op, "per-channel tensor", t, c);
        cudnnTensorDescriptor xd = rank == 4 ? d.descriptors().tensor(n, c, x.dim(2), x.dim(3)) : d.descriptors().tensor(n, c, 1, 1);
        int mode = rank == 4 ? cudnnBatchNormMode.CUDNN_BATCHNORM_SPATIAL : cudnnBatchNormMode.CUDNN_BATCHNORM_PER_ACTIVATION;
        return new Layout(xd, mode, d.descriptors().tensor(1, c, 1, 1), c);
    }

    @Override public void forwardTraining(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                                          Tensor runningMean, Tensor runningVar,
                                          Tensor y, Tensor saveMean, Tensor saveInvStd) {
        String op = "batchNorm.forwardTraining";
        Layout l = layout(op, x, gamma, beta, runningMean, runningVar, saveMean, saveInvStd);
        Checks.sameSize(d, op, "x", x, "y", y);
        d.bind();
        int status = JCudnn.cudnnBatchNormalizationForwardTraining(d.cudnn(), l.mode(), ONE, ZERO,
                l.x(), d.ptr(x, op), l.x(), d.ptr(y, op), l.channels(), d.ptr(gamma, op), d.ptr(beta, op),
                p.averagingFactor(), d.ptr(runningMean, op), d.ptr(runningVar, op), p.epsilon(),
                d.ptr(saveMean, op), d.ptr(saveInvStd, op));
        CudaErrors.cudnn(status, op, "x " + x.shape() + ", eps " + p.epsilon(), d.label());
    }

    @Override public void forwardInference(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                                           Tensor runningMean, Tensor runningVar, Tensor y) {
        String op = "batchNorm.forwardInference";
        Layout l = layout(op, x, gamma, beta, runningMean, runningVar);
        Checks.sameSize(d, op, "x", x, "y", y);
        d.bind();
        int status = JCudnn.cudnnBatchNormalizationForwardInference(d.cudnn(), l.mode(), ONE, ZERO,
                l.x(), d.ptr(x, op), l.x(), d.ptr(y, op), l.channels(), d.ptr(gamma, op), d.ptr(beta, op),
                d.ptr(runningMean, op), d.ptr(runningVar, op), p.epsilon());
        CudaErrors.cudnn(status, op, "x " + x.shape() + ", eps " + p.epsilon(), d.label());
    }

    @Override public void backward(BatchNormParams p, Tensor x, Tensor dy, Tensor gamma,
                                   Tensor saveMean, Tensor saveInvStd,
                                   Tensor dx, Tensor dgamma, Tensor dbeta) {
        String op = "batchNorm.backward";
        Layout l = layout(op, x, gamma, saveMean, saveInvStd, dgamma, dbeta);
        Checks.sameSize(d, op, "x", x, "dy", dy);
        Checks.sameSize(d, op, "x", x, "dx", dx);
        d.bind();
        int status = JCudnn.cudnnBatchNormalizationBackward(d.cudnn(), l.mode(), ONE, ZERO, ONE, ZERO,
                l.x(), d.ptr(x, op), l.x(), d.ptr(dy, op), l.x(), d.ptr(dx, op),
                l.channels(), d.ptr(gamma, op), d.ptr(dgamma, op), d.ptr(dbeta, op), p.epsilon(),
                d.ptr(saveMean, op), d.ptr(saveInvStd, op));
        CudaErrors.cudnn(status, op, "x " + x.shape() + ", eps " + p.epsilon(), d.label());
    }
}
