package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.DropoutHash;

/**
 * F32 element-wise ops on float arrays, split by index over the workers; the bias gradient sums in
 * double per channel. Same formulas as {@link ElementwiseReference}.
 */
final class ElementwiseFast {
    private static final int GRAIN = 1 << 16;

    private final CpuThreads threads;

    ElementwiseFast(CpuThreads threads) {
        this.threads = threads;
    }

    void fill(int n, float[] t, float value) {
        threads.forRange(n, GRAIN, (lo, hi) -> java.util.Arrays.fill(t, lo, hi, value));
    }

    void scale(int n, float[] t, float alpha) {
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) t[i] *= alpha;
        });
    }

    void axpy(int n, float alpha, float[] x, float[] y) {
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) y[i] += alpha * x[i];
        });
    }

    void add(int n, float[] a, float[] b, float[] out) {
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) out[i] = a[i] + b[i];
        });
    }

    void multiply(int n, float[] a, float[] b, float[] out) {
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) out[i] = a[i] * b[i];
        });
    }

    void addBias(int n, int c, int inner, float[] y, float[] bias) {
        threads.forRange(n * c, Math.max(1, GRAIN / inner), (lo, hi) -> {
            for (int plane = lo; plane < hi; plane++) {
                float b = bias[plane % c];
                int base = plane * inner;
                for (int j = 0; j < inner; j++) y[base + j] += b;
            }
        });
    }

    void biasGradient(int n, int c, int inner, float[] dy, float[] dbias) {
        threads.forRange(c, Math.max(1, GRAIN / Math.max(1, n * inner)), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * inner;
                    for (int j = 0; j < inner; j++) sum += dy[base + j];
                }
                dbias[ch] = (float) sum;
            }
        });
    }

    void dropoutForward(int n, float[] x, float[] y, float[] mask, double rate, int seed) {
        float keep = (float) (1 / (1 - rate));
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float m = DropoutHash.uniform(seed, i) >= rate ? keep : 0f;
                mask[i] = m;
                y[i] = x[i] * m;
            }
        });
    }

    void addRegularizationGradient(int n, float[] w, float[] g, double l1, double l2) {
        float a = (float) l1;
        float b = (float) (2 * l2);
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) g[i] += a * Math.signum(w[i]) + b * w[i];
        });
    }

    void clip(int n, float[] t, float lo, float hi) {
        threads.forRange(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                float v = t[i];
                t[i] = v < lo ? lo : v > hi ? hi : v;
            }
        });
    }
}
