package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks sizes, then runs {@link OptimizerReference} for F64 or {@link OptimizerFast} for F32. */
final class CpuOptimizerOps implements OptimizerOps {
    private final OptimizerFast fast;

    CpuOptimizerOps(CpuThreads threads) {
        this.fast = new OptimizerFast(threads);
    }

    private static DType check(String op, String[] names, Tensor... ts) {
        for (int i = 0; i < ts.length; i++) {
            Checks.notNull(op, names[i], ts[i]);
            if (i > 0) Checks.sameShape(op, names[0], ts[0], names[i], ts[i]);
        }
        return Checks.dtype(op, names, ts);
    }

    @Override public void sgd(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        String op = "optimizer sgd";
        DType dt = momentum == 0
                ? check(op, new String[] {"w", "g"}, w, g)
                : check(op, new String[] {"w", "g", "velocity"}, w, g, velocity);
        int n = Checks.n(w);
        if (dt == DType.F64) {
            OptimizerReference.sgd(n, Checks.f64(w), Checks.f64(g), momentum == 0 ? null : Checks.f64(velocity), lr, momentum, nesterov);
        } else {
            fast.sgd(n, Checks.f32(w), Checks.f32(g), momentum == 0 ? null : Checks.f32(velocity), lr, momentum, nesterov);
        }
    }

    @Override public void adam(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double epsilon, long t) {
        String op = "optimizer adam";
        DType dt = check(op, new String[] {"w", "g", "m", "v"}, w, g, m, v);
        if (t < 1) throw Checks.fail(op, "step t must be >= 1, got " + t + " for w " + w.shape());
        int n = Checks.n(w);
        if (dt == DType.F64) {
            OptimizerReference.adam(n, Checks.f64(w), Checks.f64(g), Checks.f64(m), Checks.f64(v), lr, beta1, beta2, epsilon, t);
        } else {
            fast.adam(n, Checks.f32(w), Checks.f32(g), Checks.f32(m), Checks.f32(v), lr, beta1, beta2, epsilon, t);
        }
    }

    @Override public void rmsprop(Tensor w, Tensor g, Tensor meanSquare, double lr, double rho, double epsilon) {
        String op = "optimizer rmsprop";
        DType dt = check(op, new String[] {"w", "g", "meanSquare"}, w, g, meanSquare);
        int n = Checks.n(w);
        if (dt == DType.F64) {
            OptimizerReference.rmsprop(n, Checks.f64(w), Checks.f64(g), Checks.f64(meanSquare), lr, rho, epsilon);
        } else {
            fast.rmsprop(n, Checks.f32(w), Checks.f32(g), Checks.f32(meanSquare), lr, rho, epsilon);
        }
    }
}
