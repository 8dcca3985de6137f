package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks shapes, then runs {@link LossReference} for F64 or {@link LossFast} for F32. */
final class CpuLossOps implements LossOps {
    /** The op names by loss kind, made once: the loss runs every training step. */
    private static final String[] OP_NAMES = new String[LossKind.values().length];
    static {
        for (LossKind k : LossKind.values()) OP_NAMES[k.ordinal()] = "loss " + k.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override public double forwardBackward(LossKind kind, Tensor output, Tensor target, Tensor grad) {
        String op = kind == null ? "loss null" : OP_NAMES[kind.ordinal()];
        Checks.notNull(op, "output", output);
        Checks.notNull(op, "target", target);
        DType dt = Checks.dtype(op, "output, target, grad", output, target, grad);
        Checks.sameShape(op, "output", output, "target", target);
        if (grad != null) Checks.sameSize(op, "output", output, "grad", grad);
        int rows = Checks.rows(output);
        int cols = Checks.cols(output);
        if (dt == DType.F64) {
            return LossReference.forwardBackward(kind, rows, cols, Checks.f64(output), Checks.f64(target), grad == null ? null : Checks.f64(grad));
        }
        return LossFast.forwardBackward(kind, rows, cols, Checks.f32(output), Checks.f32(target), grad == null ? null : Checks.f32(grad));
    }
}
