package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.BatchNormParams;

/**
 * F64 batch normalization, the executable specification. Channel c of {@code x (N, C, HW)} has
 * {@code M = N*HW} values; mean and biased variance are taken over them (two passes),
 * {@code invStd = 1/sqrt(var + eps)}, {@code y = gamma (x - mean) invStd + beta}. Running
 * statistics: {@code running = (1 - f) running + f batch}, the variance entering unbiased,
 * {@code var * M/(M-1)} (plain var when M = 1, where the unbiased estimate does not exist).
 * Backward: {@code xhat = (x - mean) invStd}, {@code dbeta = sum dy}, {@code dgamma = sum dy xhat},
 * {@code dx = gamma invStd / M (M dy - dbeta - xhat dgamma)}.
 */
final class BatchNormReference {
    private BatchNormReference() {}

    static void forwardTraining(BatchNormParams bp, int n, int c, int hw, double[] x, double[] gamma, double[] beta,
                                double[] runningMean, double[] runningVar, double[] y, double[] saveMean, double[] saveInvStd) {
        long m = (long) n * hw;
        double f = bp.averagingFactor();
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * hw;
                for (int j = 0; j < hw; j++) sum += x[base + j];
            }
            double mean = sum / m;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * hw;
                for (int j = 0; j < hw; j++) sq += (x[base + j] - mean) * (x[base + j] - mean);
            }
            double var = sq / m;
            double invStd = 1 / Math.sqrt(var + bp.epsilon());
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * hw;
                for (int j = 0; j < hw; j++) y[base + j] = gamma[ch] * (x[base + j] - mean) * invStd + beta[ch];
            }
            saveMean[ch] = mean;
            saveInvStd[ch] = invStd;
            double unbiased = m > 1 ? var * m / (m - 1) : var;
            runningMean[ch] = (1 - f) * runningMean[ch] + f * mean;
            runningVar[ch] = (1 - f) * runningVar[ch] + f * unbiased;
        }
    }

    static void forwardInference(BatchNormParams bp, int n, int c, int hw, double[] x, double[] gamma, double[] beta,
                                 double[] runningMean, double[] runningVar, double[] y) {
        for (int ch = 0; ch < c; ch++) {
            double invStd = 1 / Math.sqrt(runningVar[ch] + bp.epsilon());
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * hw;
                for (int j = 0; j < hw; j++) y[base + j] = gamma[ch] * (x[base + j] - runningMean[ch]) * invStd + beta[ch];
            }
        }
    }

    static void backward(int n, int c, int hw, double[] x, double[] dy, double[] gamma, double[] saveMean, double[] saveInvStd,
                         double[] dx, double[] dgamma, double[] dbeta) {
        long m = (long) n * hw;
        for (int ch = 0; ch < c; ch++) {
            double mean = saveMean[ch];
            double invStd = saveInvStd[ch];
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * hw;
                for (int j = 0; j < hw; j++) {
                    sumDy += dy[base + j];
                    sumDyXhat += dy[base + j] * (x[base + j] - mean) * invStd;
                }
            }
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * hw;
                for (int j = 0; j < hw; j++) {
                    double xhat = (x[base + j] - mean) * invStd;
                    dx[base + j] = gamma[ch] * invStd / m * (m * dy[base + j] - sumDy - xhat * sumDyXhat);
                }
            }
            dbeta[ch] = sumDy;
            dgamma[ch] = sumDyXhat;
        }
    }
}
