package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.DropoutHash;

/** F64 element-wise ops, the executable specification of {@link io.github.convnet4j.backend.ops.ElementwiseOps}. */
final class ElementwiseReference {
    private ElementwiseReference() {}

    static void axpy(int n, double alpha, double[] x, double[] y) {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    static void add(int n, double[] a, double[] b, double[] out) {
        for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
    }

    static void multiply(int n, double[] a, double[] b, double[] out) {
        for (int i = 0; i < n; i++) out[i] = a[i] * b[i];
    }

    /** {@code y[n, c, j] += bias[c]} for y viewed as (N, C, inner). */
    static void addBias(int n, int c, int inner, double[] y, double[] bias) {
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * inner;
                for (int j = 0; j < inner; j++) y[base + j] += bias[ch];
            }
        }
    }

    /** {@code dbias[c] = sum_{n, j} dy[n, c, j]}. */
    static void biasGradient(int n, int c, int inner, double[] dy, double[] dbias) {
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * inner;
                for (int j = 0; j < inner; j++) sum += dy[base + j];
            }
            dbias[ch] = sum;
        }
    }

    /** {@code mask[i] = u(seed, i) >= rate ? 1/(1-rate) : 0; y = x mask}. */
    static void dropoutForward(int n, double[] x, double[] y, double[] mask, double rate, int seed) {
        double keep = 1 / (1 - rate);
        for (int i = 0; i < n; i++) {
            mask[i] = DropoutHash.uniform(seed, i) >= rate ? keep : 0;
            y[i] = x[i] * mask[i];
        }
    }

    /** {@code g += l1 sign(w) + 2 l2 w}, sign(0) = 0. */
    static void addRegularizationGradient(int n, double[] w, double[] g, double l1, double l2) {
        for (int i = 0; i < n; i++) g[i] += l1 * Math.signum(w[i]) + 2 * l2 * w[i];
    }

    static void clip(int n, double[] t, double lo, double hi) {
        for (int i = 0; i < n; i++) {
            double v = t[i];
            t[i] = v < lo ? lo : v > hi ? hi : v;
        }
    }
}
