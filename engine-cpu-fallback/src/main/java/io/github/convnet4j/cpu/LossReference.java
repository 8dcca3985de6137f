package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.LossKind;

/**
 * F64 losses, the executable specification of {@link LossKind} on {@code (N, F)} rows, summed in
 * double in index order. grad may be null; it may alias output (each index is read before written).
 */
final class LossReference {
    private LossReference() {}

    static double forwardBackward(LossKind kind, int rows, int cols, double[] out, double[] target, double[] grad) {
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
                        if (target[i] != 0) total += target[i] * (lse - z);
                        if (grad != null) grad[i] = (Math.exp(z - lse) * sumT - target[i]) / rows;
                    }
                }
                return total / rows;
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < rows * cols; i++) {
                    double z = out[i];
                    double t = target[i];
                    total += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
                    if (grad != null) grad[i] = (ActivationReference.sigmoid(z) - t) / count;
                }
            }
            case MEAN_SQUARED_ERROR -> {
                for (int i = 0; i < rows * cols; i++) {
                    double d = out[i] - target[i];
                    total += d * d;
                    if (grad != null) grad[i] = 2 * d / count;
                }
            }
            case MEAN_ABSOLUTE_ERROR -> {
                for (int i = 0; i < rows * cols; i++) {
                    double d = out[i] - target[i];
                    total += Math.abs(d);
                    if (grad != null) grad[i] = Math.signum(d) / count;
                }
            }
        }
        return total / count;
    }
}
