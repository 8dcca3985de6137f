package io.github.convnet4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.backend.ops.DropoutHash;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Element-wise helpers, bias ops, regularization and dropout (bit-exact against DropoutHash). */
class ElementwiseReferenceTest {
    private static final Shape S = Shape.of(3, 4, 5, 2);

    @Test
    void arithmetic() {
        OpenClBackend b = SharedOpenCl.backend();
        int n = (int) S.size();
        float[] x = HostData.uniform(40, n), y = HostData.uniform(41, n);
        double[] axpy = new double[n], sum = new double[n], prod = new double[n], scaled = new double[n];
        for (int i = 0; i < n; i++) {
            axpy[i] = y[i] - 0.75 * x[i];
            sum[i] = x[i] + y[i];
            prod[i] = (double) x[i] * y[i];
            scaled[i] = 2.5 * x[i];
        }
        try (Tensor tx = HostData.upload(b, S, x); Tensor ty = HostData.upload(b, S, y); Tensor out = b.allocate(S);
             Tensor copy = b.allocate(S); Tensor filled = b.allocate(S)) {
            b.elementwise().copy(tx, copy);
            Tolerance.exact().assertClose("copy", toDouble(x), HostData.download(b, copy), S);
            b.elementwise().fill(filled, 0.5);
            for (float v : HostData.download(b, filled)) assertEquals(0.5f, v);
            b.elementwise().add(tx, ty, out);
            Tolerance.f32Elementwise().assertClose("add", sum, HostData.download(b, out), S);
            b.elementwise().multiply(tx, ty, out);
            Tolerance.f32Elementwise().assertClose("multiply", prod, HostData.download(b, out), S);
            b.elementwise().add(tx, out, out);  // out aliases b
            double[] aliased = new double[n];
            for (int i = 0; i < n; i++) aliased[i] = x[i] + prod[i];
            Tolerance.f32Elementwise().assertClose("add aliased", aliased, HostData.download(b, out), S);
            b.elementwise().axpy(-0.75, tx, ty);
            Tolerance.f32Elementwise().assertClose("axpy", axpy, HostData.download(b, ty), S);
            b.elementwise().scale(copy, 2.5);
            Tolerance.f32Elementwise().assertClose("scale", scaled, HostData.download(b, copy), S);
        }
    }

    @Test
    void biasAndRegularization() {
        OpenClBackend b = SharedOpenCl.backend();
        int n = (int) S.size(), c = S.dim(1), inner = 10;
        float[] y = HostData.uniform(42, n), bias = HostData.uniform(43, c), w = HostData.uniform(44, n), g = HostData.uniform(45, n);
        w[3] = 0;  // sign(0) = 0
        double[] added = new double[n], db = new double[c], reg = new double[n];
        for (int i = 0; i < n; i++) {
            int ch = (i / inner) % c;
            added[i] = y[i] + bias[ch];
            db[ch] += y[i];
            reg[i] = g[i] + 0.01 * Math.signum(w[i]) + 2 * 0.002 * w[i];
        }
        try (Tensor ty = HostData.upload(b, S, y); Tensor tb = HostData.upload(b, Shape.of(c), bias); Tensor tdb = b.allocate(Shape.of(c));
             Tensor tw = HostData.upload(b, S, w); Tensor tg = HostData.upload(b, S, g)) {
            b.elementwise().biasGradient(ty, tdb);
            Tolerance.f32Sum(n / c, 1).assertClose("biasGradient", db, HostData.download(b, tdb), Shape.of(c));
            b.elementwise().addBias(ty, tb);
            Tolerance.f32Elementwise().assertClose("addBias", added, HostData.download(b, ty), S);
            b.elementwise().addRegularizationGradient(tw, tg, 0.01, 0.002);
            Tolerance.f32Elementwise().assertClose("regularization", reg, HostData.download(b, tg), S);
        }
    }

    @Test
    void dropoutMatchesDropoutHashBitForBit() {
        OpenClBackend b = SharedOpenCl.backend();
        Shape s = Shape.of(64, 1000);
        int n = (int) s.size();
        float[] x = HostData.uniform(46, n);
        for (double rate : new double[] {0.0, 0.3, 0.5, 0.9}) {
            for (int seed : new int[] {0, 12345, -7}) {
                float keep = (float) (1.0 / (1.0 - rate));
                double[] mask = new double[n], y = new double[n];
                int dropped = 0;
                for (int i = 0; i < n; i++) {
                    mask[i] = DropoutHash.uniform(seed, i) >= rate ? keep : 0f;
                    y[i] = x[i] * (float) mask[i];
                    if (mask[i] == 0) dropped++;
                }
                try (Tensor tx = HostData.upload(b, s, x); Tensor ty = b.allocate(s); Tensor tm = b.allocate(s)) {
                    b.elementwise().dropoutForward(tx, ty, tm, rate, seed);
                    Tolerance.exact().assertClose("mask rate=" + rate + " seed=" + seed, mask, HostData.download(b, tm), s);
                    Tolerance.exact().assertClose("y rate=" + rate + " seed=" + seed, y, HostData.download(b, ty), s);
                }
                assertEquals(rate, dropped / (double) n, 0.01, "dropped fraction");
            }
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
