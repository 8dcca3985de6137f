package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.OptimizerContract;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.tensor.Tensor;

/**
 * Optimizer updates in {@code optimizer.cu}, one launch per parameter tensor. Scalars that depend
 * on the step (Adam's bias correction) are folded on the host in double, then passed as float.
 */
final class CudaOptimizerOps implements OptimizerOps {
    private static final String F = "optimizer";
    private final CudaDevice d;

    CudaOptimizerOps(CudaDevice device) { this.d = device; }

    @Override public void sgd(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        String op = OptimizerContract.SGD;
        OptimizerContract.sgd(d.label(), w, g, velocity, momentum);
        d.bind();
        long n = w.size();
        if (momentum == 0) {
            d.kernels().launch(F, "sgd_f32", d.kernels().gridFor(n), d.ptr(w, op), d.ptr(g, op), (float) lr, n);
            return;
        }
        d.kernels().launch(F, "sgd_momentum_f32", d.kernels().gridFor(n), d.ptr(w, op), d.ptr(g, op), d.ptr(velocity, op),
                (float) lr, (float) momentum, nesterov ? 1 : 0, n);
    }

    @Override public void adam(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double epsilon, long t) {
        String op = OptimizerContract.ADAM;
        OptimizerContract.adam(d.label(), w, g, m, v, t);
        d.bind();
        long n = w.size();
        double step = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        d.kernels().launch(F, "adam_f32", d.kernels().gridFor(n), d.ptr(w, op), d.ptr(g, op), d.ptr(m, op), d.ptr(v, op),
                (float) step, (float) (1 - beta1), (float) (1 - beta2), (float) epsilon, n);
    }

    @Override public void rmsprop(Tensor w, Tensor g, Tensor meanSquare, double lr, double rho, double epsilon) {
        String op = OptimizerContract.RMSPROP;
        OptimizerContract.rmsprop(d.label(), w, g, meanSquare);
        d.bind();
        long n = w.size();
        d.kernels().launch(F, "rmsprop_f32", d.kernels().gridFor(n), d.ptr(w, op), d.ptr(g, op), d.ptr(meanSquare, op),
                (float) lr, (float) rho, (float) (1 - rho), (float) epsilon, n);
    }
}
