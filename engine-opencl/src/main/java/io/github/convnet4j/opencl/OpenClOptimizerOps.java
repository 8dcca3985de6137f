package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.tensor.Tensor;

/** {@link OptimizerOps} on {@code optimizer.cl}: one fused kernel per update rule. */
final class OpenClOptimizerOps implements OptimizerOps {
    private static final String FAMILY = "optimizer";

    private final OpenClBackend backend;

    OpenClOptimizerOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void sgd(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        String op = "optimizer.sgd";
        Checks chk = backend.checks();
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g);
        chk.sameSize(op, "w", w, "g", g);
        int n = (int) w.size();
        if (momentum == 0) {
            backend.call(FAMILY, "sgd").buf(bw).buf(bg).i(n).f(lr).run1d(n);
            return;
        }
        ClBuffer bv = chk.buffer(op, "velocity", velocity);
        chk.sameSize(op, "w", w, "velocity", velocity);
        backend.call(FAMILY, "sgd_momentum").buf(bw).buf(bg).buf(bv).i(n).f(lr).f(momentum).i(nesterov ? 1 : 0).run1d(n);
    }

    @Override public void adam(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double epsilon, long t) {
        String op = "optimizer.adam";
        Checks chk = backend.checks();
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g);
        ClBuffer bm = chk.buffer(op, "m", m), bv = chk.buffer(op, "v", v);
        chk.sameSize(op, "w", w, "g", g);
        chk.sameSize(op, "w", w, "m", m);
        chk.sameSize(op, "w", w, "v", v);
        chk.require(t >= 1, op, "step t must be >= 1, got " + t);
        double corrected = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        int n = (int) w.size();
        backend.call(FAMILY, "adam").buf(bw).buf(bg).buf(bm).buf(bv).i(n)
                .f(corrected).f(1 - beta1).f(1 - beta2).f(epsilon).run1d(n);
    }

    @Override public void rmsprop(Tensor w, Tensor g, Tensor meanSquare, double lr, double rho, double epsilon) {
        String op = "optimizer.rmsprop";
        Checks chk = backend.checks();
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g), bs = chk.buffer(op, "meanSquare", meanSquare);
        chk.sameSize(op, "w", w, "g", g);
        chk.sameSize(op, "w", w, "meanSquare", meanSquare);
        int n = (int) w.size();
        backend.call(FAMILY, "rmsprop").buf(bw).buf(bg).buf(bs).i(n).f(lr).f(rho).f(epsilon).run1d(n);
    }
}
