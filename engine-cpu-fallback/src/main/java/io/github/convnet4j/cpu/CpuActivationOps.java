package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks sizes, then runs {@link ActivationReference} for F64 or {@link ActivationFast} for F32. */
final class CpuActivationOps implements ActivationOps {
    private final ActivationFast fast;

    CpuActivationOps(CpuThreads threads) {
        this.fast = new ActivationFast(threads);
    }

    /** The op names by activation kind, made once: activations run every training step. */
    private static final String[] FORWARD_NAMES = names(" forward");
    private static final String[] BACKWARD_NAMES = names(" backward");

    private static String[] names(String pass) {
        String[] names = new String[Activation.Kind.values().length];
        for (Activation.Kind k : Activation.Kind.values()) names[k.ordinal()] = "activation " + k.name().toLowerCase(java.util.Locale.ROOT) + pass;
        return names;
    }

    @Override public void forward(Activation a, Tensor x, Tensor y) {
        String op = FORWARD_NAMES[a.kind().ordinal()];
        Checks.notNull(op, "x", x);
        Checks.notNull(op, "y", y);
        DType dt = Checks.dtype(op, "x, y", x, y);
        Checks.sameSize(op, "x", x, "y", y);
        int n = Checks.n(x);
        int row = Checks.cols(x);
        if (dt == DType.F64) ActivationReference.forward(a, Checks.f64(x), Checks.f64(y), n, row);
        else fast.forward(a, Checks.f32(x), Checks.f32(y), n, row);
    }

    @Override public void backward(Activation a, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = BACKWARD_NAMES[a.kind().ordinal()];
        Checks.notNull(op, "x", x);
        Checks.notNull(op, "y", y);
        Checks.notNull(op, "dy", dy);
        Checks.notNull(op, "dx", dx);
        DType dt = Checks.dtype(op, "x, y, dy, dx", x, y, dy, dx);
        Checks.sameSize(op, "x", x, "y", y);
        Checks.sameSize(op, "x", x, "dy", dy);
        Checks.sameSize(op, "x", x, "dx", dx);
        int n = Checks.n(x);
        int row = Checks.cols(x);
        if (dt == DType.F64) {
            ActivationReference.backward(a, Checks.f64(x), Checks.f64(y), Checks.f64(dy), Checks.f64(dx), n, row);
        } else {
            fast.backward(a, Checks.f32(x), Checks.f32(y), Checks.f32(dy), Checks.f32(dx), n, row);
        }
    }
}
