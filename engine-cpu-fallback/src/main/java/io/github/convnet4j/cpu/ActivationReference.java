package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Activation;

/**
 * F64 activations, the executable specification (formulas of {@link Activation.Kind}). Every loop
 * reads an element before writing the same index, so y may alias x and dx may alias dy.
 */
final class ActivationReference {
    private ActivationReference() {}

    /** Numerically stable logistic function. */
    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static void forward(Activation a, double[] x, double[] y, int n, int rowLength) {
        double alpha = a.alpha();
        switch (a.kind()) {
            case LINEAR -> System.arraycopy(x, 0, y, 0, n);
            case RELU -> { for (int i = 0; i < n; i++) y[i] = Math.max(x[i], 0.0); }
            case LEAKY_RELU -> { for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i]; }
            case ELU -> { for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) y[i] = sigmoid(x[i]); }
            case TANH -> { for (int i = 0; i < n; i++) y[i] = Math.tanh(x[i]); }
            case SWISH -> { for (int i = 0; i < n; i++) y[i] = x[i] * sigmoid(x[i]); }
            case SOFTMAX -> {
                for (int row = 0; row < n; row += rowLength) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = row; i < row + rowLength; i++) max = Math.max(max, x[i]);
                    double sum = 0;
                    for (int i = row; i < row + rowLength; i++) {
                        y[i] = Math.exp(x[i] - max);
                        sum += y[i];
                    }
                    for (int i = row; i < row + rowLength; i++) y[i] /= sum;
                }
            }
        }
    }

    /** {@code dx = dy f'(x)}; sigmoid and tanh use y, softmax uses y and dy. */
    static void backward(Activation a, double[] x, double[] y, double[] dy, double[] dx, int n, int rowLength) {
        double alpha = a.alpha();
        switch (a.kind()) {
            case LINEAR -> System.arraycopy(dy, 0, dx, 0, n);
            case RELU -> { for (int i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : 0.0; }
            case LEAKY_RELU -> { for (int i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : alpha * dy[i]; }
            case ELU -> { for (int i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : dy[i] * alpha * Math.exp(x[i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1 - y[i]); }
            case TANH -> { for (int i = 0; i < n; i++) dx[i] = dy[i] * (1 - y[i] * y[i]); }
            case SWISH -> {
                for (int i = 0; i < n; i++) {
                    double s = sigmoid(x[i]);
                    dx[i] = dy[i] * (s + x[i] * s * (1 - s));
                }
            }
            case SOFTMAX -> {
                for (int row = 0; row < n; row += rowLength) {
                    double dot = 0;
                    for (int i = row; i < row + rowLength; i++) dot += dy[i] * y[i];
                    for (int i = row; i < row + rowLength; i++) dx[i] = y[i] * (dy[i] - dot);
                }
            }
        }
    }
}
