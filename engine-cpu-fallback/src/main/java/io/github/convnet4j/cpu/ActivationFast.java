package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Activation;

/**
 * F32 activations: the formulas of {@link ActivationReference} on float arrays, transcendental
 * functions evaluated in double and rounded once, softmax sums in double. Large tensors are split
 * into contiguous ranges (rows for softmax) over the workers.
 */
final class ActivationFast {
    private static final int GRAIN = 1 << 15;

    private final CpuThreads threads;

    ActivationFast(CpuThreads threads) {
        this.threads = threads;
    }

    void forward(Activation a, float[] x, float[] y, int n, int rowLength) {
        if (a.kind() == Activation.Kind.SOFTMAX) {
            threads.forRange(n / rowLength, Math.max(1, GRAIN / rowLength), (lo, hi) -> softmax(x, y, lo, hi, rowLength));
        } else {
            threads.forRange(n, GRAIN, (lo, hi) -> pointwise(a, x, y, lo, hi));
        }
    }

    void backward(Activation a, float[] x, float[] y, float[] dy, float[] dx, int n, int rowLength) {
        if (a.kind() == Activation.Kind.SOFTMAX) {
            threads.forRange(n / rowLength, Math.max(1, GRAIN / rowLength), (lo, hi) -> softmaxBackward(y, dy, dx, lo, hi, rowLength));
        } else {
            threads.forRange(n, GRAIN, (lo, hi) -> pointwiseBackward(a, x, y, dy, dx, lo, hi));
        }
    }

    private static void pointwise(Activation a, float[] x, float[] y, int lo, int hi) {
        float alpha = (float) a.alpha();
        switch (a.kind()) {
            case LINEAR -> System.arraycopy(x, lo, y, lo, hi - lo);
            case RELU -> { for (int i = lo; i < hi; i++) y[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> { for (int i = lo; i < hi; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i]; }
            case ELU -> { for (int i = lo; i < hi; i++) y[i] = x[i] > 0 ? x[i] : (float) (a.alpha() * Math.expm1(x[i])); }
            case SIGMOID -> { for (int i = lo; i < hi; i++) y[i] = (float) ActivationReference.sigmoid(x[i]); }
            case TANH -> { for (int i = lo; i < hi; i++) y[i] = (float) Math.tanh(x[i]); }
            case SWISH -> { for (int i = lo; i < hi; i++) y[i] = (float) (x[i] * ActivationReference.sigmoid(x[i])); }
            case SOFTMAX -> throw new IllegalStateException("softmax is not pointwise");
        }
    }

    private static void pointwiseBackward(Activation a, float[] x, float[] y, float[] dy, float[] dx, int lo, int hi) {
        float alpha = (float) a.alpha();
        switch (a.kind()) {
            case LINEAR -> System.arraycopy(dy, lo, dx, lo, hi - lo);
            case RELU -> { for (int i = lo; i < hi; i++) dx[i] = x[i] > 0 ? dy[i] : 0f; }
            case LEAKY_RELU -> { for (int i = lo; i < hi; i++) dx[i] = x[i] > 0 ? dy[i] : alpha * dy[i]; }
            case ELU -> { for (int i = lo; i < hi; i++) dx[i] = x[i] > 0 ? dy[i] : (float) (dy[i] * a.alpha() * Math.exp(x[i])); }
            case SIGMOID -> { for (int i = lo; i < hi; i++) dx[i] = dy[i] * y[i] * (1f - y[i]); }
            case TANH -> { for (int i = lo; i < hi; i++) dx[i] = dy[i] * (1f - y[i] * y[i]); }
            case SWISH -> {
                for (int i = lo; i < hi; i++) {
                    double s = ActivationReference.sigmoid(x[i]);
                    dx[i] = (float) (dy[i] * (s + x[i] * s * (1 - s)));
                }
            }
            case SOFTMAX -> throw new IllegalStateException("softmax is not pointwise");
        }
    }

    private static void softmax(float[] x, float[] y, int rowLo, int rowHi, int len) {
        for (int row = rowLo * len; row < rowHi * len; row += len) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = row; i < row + len; i++) max = Math.max(max, x[i]);
            double sum = 0;
            for (int i = row; i < row + len; i++) sum += Math.exp(x[i] - max);
            double inv = 1 / sum;
            for (int i = row; i < row + len; i++) y[i] = (float) (Math.exp(x[i] - max) * inv);
        }
    }

    private static void softmaxBackward(float[] y, float[] dy, float[] dx, int rowLo, int rowHi, int len) {
        for (int row = rowLo * len; row < rowHi * len; row += len) {
            double dot = 0;
            for (int i = row; i < row + len; i++) dot += (double) dy[i] * y[i];
            for (int i = row; i < row + len; i++) dx[i] = (float) (y[i] * (dy[i] - dot));
        }
    }
}
