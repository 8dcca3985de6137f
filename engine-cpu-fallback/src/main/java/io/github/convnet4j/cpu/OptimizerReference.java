package io.github.convnet4j.cpu;

/**
 * F64 optimizer updates, the executable specification of the Keras formulas in
 * {@link io.github.convnet4j.backend.ops.OptimizerOps}.
 */
final class OptimizerReference {
    private OptimizerReference() {}

    /** {@code w -= lr g}, or with momentum {@code v = m v - lr g; w += v} (Nesterov: {@code w += m v - lr g}). */
    static void sgd(int n, double[] w, double[] g, double[] v, double lr, double momentum, boolean nesterov) {
        for (int i = 0; i < n; i++) {
            if (momentum == 0) {
                w[i] -= lr * g[i];
                continue;
            }
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
        }
    }

    /** Adam at step t: moments, then {@code w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)}. */
    static void adam(int n, double[] w, double[] g, double[] m, double[] v,
                     double lr, double beta1, double beta2, double eps, long t) {
        double step = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < n; i++) {
            m[i] += (1 - beta1) * (g[i] - m[i]);
            v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
            w[i] -= step * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }

    /** {@code s = rho s + (1-rho) g^2; w -= lr g / (sqrt(s) + eps)}. */
    static void rmsprop(int n, double[] w, double[] g, double[] s, double lr, double rho, double eps) {
        for (int i = 0; i < n; i++) {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }
}
