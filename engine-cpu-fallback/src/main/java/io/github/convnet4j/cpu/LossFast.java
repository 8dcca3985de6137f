package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.LossKind;

/**
 * F32 losses: the formulas of {@link LossReference} read from float arrays, with the loss and every
 * row statistic in double and the gradient rounded once to float. Losses are small (N x classes), so
 * this runs on the calling thread in index order.
 */
final class LossFast {
    private LossFast() {}

    static double forwardBackward(LossKind kind, int rows, int cols, float[] out, float[] target, float[] grad) {
        double count = (double) rows * cols;
        double total = 0;
        switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> {
                for (int r = 0; r < rows; r++) {
                    int base = r * cols;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = base; i < base + cols; i++) max = Math.max(max, out[i]);
                    double sumExp = 0;
                    double sumT = 0;
                    for (int i = base; i < base + cols; i++) {
                        sumExp += Math.exp(out[i] - max);
                        sumT += target[i];
                    }
                    double lse = max + Math.log(sumExp);
                    for (int i = base; i < base + cols; i++) {
                        double z = out[i];
                        double t = target[i];
                        if (t != 0) total += t * (lse - z);
                        if (grad != null) grad[i] = (float) ((Math.exp(z - lse) * sumT - t) / rows);
                    }
                }
                return total / rows;
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < rows * cols; i++) {
                    double z = out[i];
                    double t = target[i];
                    total += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
                    if (grad != null) grad[i] = (float) ((ActivationReference.sigmoid(z) - t) / count);
                }
            }
            case MEAN_SQUARED_ERROR -> {
                for (int i = 0; i < rows * cols; i++) {
                    double d = (double) out[i] - target[i];
                    total += d * d;
                    if (grad != null) grad[i] = (float) (2 * d / count);
                }
            }
            case MEAN_ABSOLUTE_ERROR -> {
                for (int i = 0; i < rows * cols; i++) {
                    double d = (double) out[i] - target[i];
                    total += Math.abs(d);
                    if (grad != null) grad[i] = (float) (Math.signum(d) / count);
                }
            }
        }
        return total / count;
    }
}
