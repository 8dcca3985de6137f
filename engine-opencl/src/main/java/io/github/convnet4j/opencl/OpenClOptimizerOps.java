package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.OptimizerContract;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.tensor.Tensor;

/** {@link OptimizerOps} on {@code optimizer.cl}: one fused kernel per update rule. */
final class OpenClOptimizerOps implements OptimizerOps {
    private static final String FAMILY = "optimizer";

    private final OpenClBackend backend;

    OpenClOptimizerOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void sgd(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        String op = OptimizerContract.SGD;
        Checks chk = backend.checks();
        OptimizerContract.sgd(chk.device(), w, g, velocity, momentum);
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g);
        int n = (int) w.size();
        if (momentum == 0) {
            backend.call(FAMILY, "sgd").buf(bw).buf(bg).i(n).f(lr).run1d(n);
            return;
        }
        ClBuffer bv = chk.buffer(op, "velocity", velocity);
        backend.call(FAMILY, "sgd_momentum").buf(bw).buf(bg).buf(bv).i(n).f(lr).f(momentum).i(nesterov ? 1 : 0).run1d(n);
    }

    @Override public void adam(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double epsilon, long t) {
        String op = OptimizerContract.ADAM;
        Checks chk = backend.checks();
        OptimizerContract.adam(chk.device(), w, g, m, v, t);
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g);
        ClBuffer bm = chk.buffer(op, "m", m), bv = chk.buffer(op, "v", v);
        double corrected = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        int n = (int) w.size();
        backend.call(FAMILY, "adam").buf(bw).buf(bg).buf(bm).buf(bv).i(n)
                .f(corrected).f(1 - beta1).f(1 - beta2).f(epsilon).run1d(n);
    }

    @Override public void rmsprop(Tensor w, Tensor g, Tensor meanSquare, double lr, double rho, double epsilon) {
        String op = OptimizerContract.RMSPROP;
        Checks chk = backend.checks();
        OptimizerContract.rmsprop(chk.device(), w, g, meanSquare);
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g), bs = chk.buffer(op, "meanSquare", meanSquare);
        int n = (int) w.size();
        backend.call(FAMILY, "rmsprop").buf(bw).buf(bg).buf(bs).i(n).f(lr).f(rho).f(epsilon).run1d(n);
    }
}
