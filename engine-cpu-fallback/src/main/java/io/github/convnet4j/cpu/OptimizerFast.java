package io.github.convnet4j.cpu;

/**
 * F32 optimizer updates: the formulas of {@link OptimizerReference} in float, with the scalar
 * coefficients (Adam's bias-corrected step) computed once in double. Split by index over workers.
 */
final class OptimizerFast {
    private static final int GRAIN = 1 << 15;

    private final CpuThreads threads;

    OptimizerFast(CpuThreads threads) {
        this.threads = threads;
    }

    void sgd(int n, float[] w, float[] g, float[] v, double lrD, double momentumD, boolean nesterov) {
        float lr = (float) lrD;
        float mom = (float) momentumD;
        threads.forRange(n, GRAIN, (lo, hi) -> {
            if (momentumD == 0) {
                for (int i = lo; i < hi; i++) w[i] -= lr * g[i];
            } else if (nesterov) {
                for (int i = lo; i < hi; i++) {
                    v[i] = mom * v[i] - lr * g[i];
                    w[i] += mom * v[i] - lr * g[i];
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    v[i] = mom * v[i] - lr * g[i];
                    w[i] += v[i];
                }
            }
        });
    }

    void adam(int n, float[] w, float[] g, float[] m, float[] v,
              double lr, double beta1, double beta2, double eps, long t) {
        float step = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        float e = (float) eps;
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float gi = g[i];
                m[i] += a1 * (gi - m[i]);
                v[i] += a2 * (gi * gi - v[i]);
                w[i] -= step * m[i] / ((float) Math.sqrt(v[i]) + e);
            }
        });
    }

    void rmsprop(int n, float[] w, float[] g, float[] s, double lr, double rho, double eps) {
        float l = (float) lr;
        float r = (float) rho;
        float r1 = (float) (1 - rho);
        float e = (float) eps;
        threads.forRange(n, GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float gi = g[i];
                s[i] = r * s[i] + r1 * gi * gi;
                w[i] -= l * gi / ((float) Math.sqrt(s[i]) + e);
            }
        });
    }
}
