package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.OptimizerContract;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks the call against {@link OptimizerContract}, then runs {@link OptimizerReference} for F64 or {@link OptimizerFast} for F32. */
final class CpuOptimizerOps implements OptimizerOps {
    private final OptimizerFast fast;

    CpuOptimizerOps(CpuThreads threads) {
        this.fast = new OptimizerFast(threads);
    }


    @Override public void sgd(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        OptimizerContract.sgd(Checks.DEVICE, w, g, velocity, momentum);
        DType dt = momentum == 0
                ? Checks.dtype(OptimizerContract.SGD, "w, g", w, g)
                : Checks.dtype(OptimizerContract.SGD, "w, g, velocity", w, g, velocity);
        int n = Checks.n(w);
        if (dt == DType.F64) {
            OptimizerReference.sgd(n, Checks.f64(w), Checks.f64(g), momentum == 0 ? null : Checks.f64(velocity), lr, momentum, nesterov);
        } else {
            fast.sgd(n, Checks.f32(w), Checks.f32(g), momentum == 0 ? null : Checks.f32(velocity), lr, momentum, nesterov);
        }
    }

    @Override public void adam(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double epsilon, long t) {
        OptimizerContract.adam(Checks.DEVICE, w, g, m, v, t);
        DType dt = Checks.dtype(OptimizerContract.ADAM, "w, g, m, v", w, g, m, v);
        int n = Checks.n(w);
        if (dt == DType.F64) {
            OptimizerReference.adam(n, Checks.f64(w), Checks.f64(g), Checks.f64(m), Checks.f64(v), lr, beta1, beta2, epsilon, t);
        } else {
            fast.adam(n, Checks.f32(w), Checks.f32(g), Checks.f32(m), Checks.f32(v), lr, beta1, beta2, epsilon, t);
        }
    }

    @Override public void rmsprop(Tensor w, Tensor g, Tensor meanSquare, double lr, double rho, double epsilon) {
        OptimizerContract.rmsprop(Checks.DEVICE, w, g, meanSquare);
        DType dt = Checks.dtype(OptimizerContract.RMSPROP, "w, g, meanSquare", w, g, meanSquare);
        int n = Checks.n(w);
        if (dt == DType.F64) {
            OptimizerReference.rmsprop(n, Checks.f64(w), Checks.f64(g), Checks.f64(meanSquare), lr, rho, epsilon);
        } else {
            fast.rmsprop(n, Checks.f32(w), Checks.f32(g), Checks.f32(meanSquare), lr, rho, epsilon);
        }
    }
}
