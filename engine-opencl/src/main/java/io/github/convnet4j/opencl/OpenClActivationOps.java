package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@link ActivationOps} on {@code activation.cl}: pointwise functions one work-item per element,
 * softmax one work-group per row of the (dim(0), size/dim(0)) view.
 */
final class OpenClActivationOps implements ActivationOps {
    private static final String FAMILY = "activation";
    private static final int ROW_GROUP_CAP = 128;

    private final OpenClBackend backend;

    OpenClActivationOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void forward(Activation a, Tensor x, Tensor y) {
        Checks chk = backend.checks();
        String op = "activation.forward(" + keyword(a) + ")";
        if (a == null) throw chk.error(op, "activation is null");
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y);
        chk.sameSize(op, "x", x, "y", y);
        if (a.kind() == Activation.Kind.SOFTMAX) {
            int rows = x.dim(0), cols = x.shape().sampleSize();
            ClKernel k = backend.programs().family(FAMILY, "").kernel("softmax_forward");
            int group = k.powerOfTwoGroupSize(Math.min(ROW_GROUP_CAP, OpenClLossOps.nextPowerOfTwo(cols)));
            backend.call(k).buf(bx).buf(by).i(cols).local((long) group * Float.BYTES).runGroups(rows, group);
            return;
        }
        backend.call(FAMILY, "activation_forward").buf(bx).buf(by).i((int) x.size()).i(code(a)).f(a.alpha()).run1d(x.size());
    }

    @Override public void backward(Activation a, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Checks chk = backend.checks();
        String op = "activation.backward(" + keyword(a) + ")";
        if (a == null) throw chk.error(op, "activation is null");
        ClBuffer bdy = chk.buffer(op, "dy", dy), bdx = chk.buffer(op, "dx", dx);
        chk.sameSize(op, "dy", dy, "dx", dx);
        if (a.kind() == Activation.Kind.SOFTMAX) {
            ClBuffer by = chk.buffer(op, "y", y);
            chk.sameSize(op, "y", y, "dy", dy);
            int rows = y.dim(0), cols = y.shape().sampleSize();
            ClKernel k = backend.programs().family(FAMILY, "").kernel("softmax_backward");
            int group = k.powerOfTwoGroupSize(Math.min(ROW_GROUP_CAP, OpenClLossOps.nextPowerOfTwo(cols)));
            backend.call(k).buf(by).buf(bdy).buf(bdx).i(cols).local((long) group * Float.BYTES).runGroups(rows, group);
            return;
        }
        ClBuffer bx = chk.buffer(op, "x", x);
        chk.sameSize(op, "x", x, "dy", dy);
        // Every pointwise derivative is computed from x, so y is not read (it may even be stale).
        backend.call(FAMILY, "activation_backward").buf(bx).buf(bdy).buf(bdx).i((int) x.size())
                .i(code(a)).f(a.alpha()).run1d(x.size());
    }

    private static String keyword(Activation a) {
        return a == null ? "null" : a.keyword();
    }

    /** Codes of activation.cl, in Activation.Kind's order. */
    private static int code(Activation a) {
        return switch (a.kind()) {
            case LINEAR -> 0;
            case RELU -> 1;
            case LEAKY_RELU -> 2;
            case ELU -> 3;
            case SIGMOID -> 4;
            case TANH -> 5;
            case SWISH -> 6;
            case SOFTMAX -> throw new IllegalStateException("softmax has its own kernels");
        };
    }
}
