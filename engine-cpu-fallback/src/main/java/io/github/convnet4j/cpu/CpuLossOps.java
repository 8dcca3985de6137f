package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks shapes, then runs {@link LossReference} for F64 or {@link LossFast} for F32. */
final class CpuLossOps implements LossOps {
    @Override public double forwardBackward(LossKind kind, Tensor output, Tensor target, Tensor grad) {
        String op = "loss " + kind.name().toLowerCase(java.util.Locale.ROOT);
        Checks.notNull(op, "output", output);
        Checks.notNull(op, "target", target);
        DType dt = Checks.dtype(op, new String[] {"output", "target", "grad"}, output, target, grad);
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
