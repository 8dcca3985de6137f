package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batch normalization (training, inference, backward) on (N, C, H, W) and (N, C) against float64 host formulas. */
class NormalizationReferenceTest {
    private static final BatchNormParams P = new BatchNormParams(1e-3, 0.1);

    @Test void images() { check(Shape.of(4, 3, 5, 6)); }

    @Test void vectors() { check(Shape.of(9, 7)); }

    private static void check(Shape s) {
        OpenClBackend b = SharedOpenCl.backend();
        int n = s.dim(0), c = s.dim(1), hw = s.sampleSize() / c, m = n * hw;
        float[] x = HostData.uniform(20, (int) s.size()), dy = HostData.uniform(21, x.length);
        for (int i = 0; i < x.length; i++) x[i] = x[i] * 3 + 1.5f;  // mean far from 0: a one-pass variance would cancel
        float[] gamma = HostData.uniform(22, c), beta = HostData.uniform(23, c);
        float[] rm = HostData.uniform(24, c), rv = new float[c];
        for (int i = 0; i < c; i++) rv[i] = 0.5f + i;
        double[] y = new double[x.length], yi = new double[x.length], dx = new double[x.length];
        double[] mean = new double[c], inv = new double[c], nrm = new double[c], nrv = new double[c], dg = new double[c], dbt = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < m; i++) sum += x[at(i, ch, c, hw)];
            mean[ch] = sum / m;
            for (int i = 0; i < m; i++) sq += Math.pow(x[at(i, ch, c, hw)] - mean[ch], 2);
            double var = sq / m;
            inv[ch] = 1 / Math.sqrt(var + P.epsilon());
            nrm[ch] = 0.9 * rm[ch] + 0.1 * mean[ch];
            nrv[ch] = 0.9 * rv[ch] + 0.1 * var * m / (m - 1);
            for (int i = 0; i < m; i++) {
                int k = at(i, ch, c, hw);
                double xh = (x[k] - mean[ch]) * inv[ch];
                y[k] = gamma[ch] * xh + beta[ch];
                yi[k] = gamma[ch] * (x[k] - rm[ch]) / Math.sqrt(rv[ch] + P.epsilon()) + beta[ch];
                dbt[ch] += dy[k];
                dg[ch] += dy[k] * xh;
            }
            for (int i = 0; i < m; i++) {
                int k = at(i, ch, c, hw);
                double xh = (x[k] - mean[ch]) * inv[ch];
                dx[k] = gamma[ch] * inv[ch] / m * (m * dy[k] - dbt[ch] - xh * dg[ch]);
            }
        }
        Shape cs = Shape.of(c);
        try (Tensor tx = HostData.upload(b, s, x); Tensor tdy = HostData.upload(b, s, dy);
             Tensor tg = HostData.upload(b, cs, gamma); Tensor tb = HostData.upload(b, cs, beta);
             Tensor trm = HostData.upload(b, cs, rm); Tensor trv = HostData.upload(b, cs, rv);
             Tensor ty = b.allocate(s); Tensor tyi = b.allocate(s); Tensor tdx = b.allocate(s);
             Tensor tsm = b.allocate(cs); Tensor tsi = b.allocate(cs); Tensor tdg = b.allocate(cs); Tensor tdb = b.allocate(cs)) {
            b.normalization().forwardInference(P, tx, tg, tb, trm, trv, tyi);
            b.normalization().forwardTraining(P, tx, tg, tb, trm, trv, ty, tsm, tsi);
            b.normalization().backward(P, tx, tdy, tg, tsm, tsi, tdx, tdg, tdb);
            Tolerance stat = Tolerance.f32Sum(m, 4.5);
            Tolerance.f32Elementwise().assertClose("inference y", yi, HostData.download(b, tyi), s);
            stat.assertClose("saveMean", mean, HostData.download(b, tsm), cs);
            stat.assertClose("saveInvStd", inv, HostData.download(b, tsi), cs);
            stat.assertClose("runningMean", nrm, HostData.download(b, trm), cs);
            stat.assertClose("runningVar", nrv, HostData.download(b, trv), cs);
            stat.assertClose("y", y, HostData.download(b, ty), s);
            Tolerance.f32Sum(m, 3).assertClose("dbeta", dbt, HostData.download(b, tdb), cs);
            Tolerance.f32Sum(m, 3).assertClose("dgamma", dg, HostData.download(b, tdg), cs);
            Tolerance.f32Sum(m, 3).assertClose("dx", dx, HostData.download(b, tdx), s);
        }
    }

    /** Flat index of the i-th value (over n and hw) of channel ch. */
    private static int at(int i, int ch, int c, int hw) {
        return ((i / hw) * c + ch) * hw + i % hw;
    }
}
