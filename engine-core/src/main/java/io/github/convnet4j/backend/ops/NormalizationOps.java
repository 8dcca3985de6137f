package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * Batch normalization per channel (dimension 1) of {@code x (N, C, H, W)} or {@code x (N, C)}.
 * Statistics run over N, H and W. Per-channel tensors are {@code (C)}.
 */
public interface NormalizationOps {
    /**
     * Training forward: normalizes with the batch mean and biased variance, writes
     * {@code saveMean} and {@code saveInvStd = 1/sqrt(var + eps)} for the backward pass, and updates
     * the running mean and the running variance (with the unbiased batch variance, as cuDNN and
     * PyTorch) in place. A channel with a single value per batch has no unbiased variance; its
     * running variance is then updated with the biased one (0).
     */
    void forwardTraining(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                         Tensor runningMean, Tensor runningVar,
                         Tensor y, Tensor saveMean, Tensor saveInvStd);

    /** Inference forward with the running statistics: {@code y = gamma (x - mean)/sqrt(var + eps) + beta}. */
    void forwardInference(BatchNormParams p, Tensor x, Tensor gamma, Tensor beta,
                          Tensor runningMean, Tensor runningVar, Tensor y);

    /** Gradients of the training forward: dx, dgamma, dbeta, all overwritten. */
    void backward(BatchNormParams p, Tensor x, Tensor dy, Tensor gamma,
                  Tensor saveMean, Tensor saveInvStd,
                  Tensor dx, Tensor dgamma, Tensor dbeta);
}
