package io.github.convnet4j.opencl;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Three steps of every update rule against the Keras formulas in float64 on the host. */
class OptimizerReferenceTest {
    private static final Shape S = Shape.of(7, 11);
    private static final int N = 77;

    @Test
    void sgdPlainMomentumAndNesterov() {
        OpenClBackend b = SharedOpenCl.backend();
        for (double momentum : new double[] {0, 0.9}) {
            for (boolean nesterov : new boolean[] {false, true}) {
                double[] w = d(HostData.uniform(60, N)), v = new double[N];
                float[] g = HostData.uniform(61, N);
                try (Tensor tw = HostData.upload(b, S, f(w)); Tensor tg = HostData.upload(b, S, g); Tensor tv = b.allocate(S)) {
                    for (int step = 0; step < 3; step++) {
                        for (int i = 0; i < N; i++) {
                            if (momentum == 0) { w[i] -= 0.1 * g[i]; continue; }
                            v[i] = momentum * v[i] - 0.1 * g[i];
                            w[i] += nesterov ? momentum * v[i] - 0.1 * g[i] : v[i];
                        }
                        b.optimizer().sgd(tw, tg, momentum == 0 ? null : tv, 0.1, momentum, nesterov);
                    }
                    Tolerance.f32Elementwise().assertClose("sgd m=" + momentum + " nesterov=" + nesterov, w, HostData.download(b, tw), S);
                }
            }
        }
    }

    @Test
    void adamAndRmsprop() {
        OpenClBackend b = SharedOpenCl.backend();
        double[] wa = d(HostData.uniform(62, N)), m = new double[N], v = new double[N];
        double[] wr = wa.clone(), s = new double[N];
        float[] g = HostData.uniform(63, N);
        try (Tensor ta = HostData.upload(b, S, f(wa)); Tensor tr = HostData.upload(b, S, f(wr)); Tensor tg = HostData.upload(b, S, g);
             Tensor tm = b.allocate(S); Tensor tv = b.allocate(S); Tensor ts = b.allocate(S)) {
            for (int t = 1; t <= 3; t++) {
                double corr = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                for (int i = 0; i < N; i++) {
                    m[i] += 0.1 * (g[i] - m[i]);
                    v[i] += 0.001 * ((double) g[i] * g[i] - v[i]);
                    wa[i] -= corr * m[i] / (Math.sqrt(v[i]) + 1e-7);
                    s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                    wr[i] -= 0.01 * g[i] / (Math.sqrt(s[i]) + 1e-7);
                }
                b.optimizer().adam(ta, tg, tm, tv, 0.01, 0.9, 0.999, 1e-7, t);
                b.optimizer().rmsprop(tr, tg, ts, 0.01, 0.9, 1e-7);
            }
            Tolerance.f32Elementwise().assertClose("adam w", wa, HostData.download(b, ta), S);
            Tolerance.f32Elementwise().assertClose("adam m", m, HostData.download(b, tm), S);
            Tolerance.f32Elementwise().assertClose("adam v", v, HostData.download(b, tv), S);
            Tolerance.f32Elementwise().assertClose("rmsprop w", wr, HostData.download(b, tr), S);
        }
    }

    private static double[] d(float[] f) {
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) r[i] = f[i];
        return r;
    }

    private static float[] f(double[] d) {
        float[] r = new float[d.length];
        for (int i = 0; i < d.length; i++) r[i] = (float) d[i];
        return r;
    }
}
