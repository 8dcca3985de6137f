package io.github.convnet4j.optim;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.Regularizer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/** Parameters with chosen values and gradients on the CPU backend, for optimizer tests. */
final class ParamFixture implements AutoCloseable {
    final Backend backend = new CpuBackendProvider().open("");

    Parameter param(String name, double[] w, double[] g, Regularizer r) {
        Tensor value = backend.allocate(Shape.of(w.length));
        Tensor grad = backend.allocate(Shape.of(w.length));
        backend.upload(w, 0, value);
        backend.upload(g, 0, grad);
        return new Parameter(name, value, grad, r);
    }

    Parameter param(String name, double[] w, double[] g) { return param(name, w, g, Regularizer.NONE); }

    void setGrad(Parameter p, double[] g) { backend.upload(g, 0, p.grad()); }

    float[] values(Tensor t) {
        float[] out = new float[Math.toIntExact(t.size())];
        backend.download(t, out, 0);
        return out;
    }

    /** The float32 the backend stores for {@code v}, so hand formulas start from the same numbers. */
    static double f(double v) { return (float) v; }

    static double[] f(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    @Override public void close() { backend.close(); }
}
