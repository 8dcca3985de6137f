package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/**
 * Reductions to host scalars, in double and in index order for both dtypes (they are small next to
 * a training step, and one fixed order keeps them bit-reproducible).
 */
final class CpuReductionOps implements ReductionOps {
    private enum Kind { SUM, SQUARES, ABS }

    private static double reduce(String op, Tensor t, Kind kind) {
        Checks.notNull(op, "t", t);
        DType dt = Checks.dtype(op, "t", t);
        int n = Checks.n(t);
        double s = 0;
        if (dt == DType.F64) {
            double[] d = Checks.f64(t);
            for (int i = 0; i < n; i++) s += term(d[i], kind);
        } else {
            float[] f = Checks.f32(t);
            for (int i = 0; i < n; i++) s += term(f[i], kind);
        }
        return s;
    }

    private static double term(double v, Kind kind) {
        return switch (kind) {
            case SUM -> v;
            case SQUARES -> v * v;
            case ABS -> Math.abs(v);
        };
    }

    @Override public double sum(Tensor t) { return reduce("sum", t, Kind.SUM); }

    @Override public double sumOfSquares(Tensor t) { return reduce("sum of squares", t, Kind.SQUARES); }

    @Override public double sumOfAbs(Tensor t) { return reduce("sum of abs", t, Kind.ABS); }

    @Override public long countArgmaxMatches(Tensor scores, Tensor targets) {
        String op = "count argmax matches";
        Checks.notNull(op, "scores", scores);
        Checks.notNull(op, "targets", targets);
        DType dt = Checks.dtype(op, "scores, targets", scores, targets);
        Checks.sameShape(op, "scores", scores, "targets", targets);
        int rows = Checks.rows(scores);
        int cols = Checks.cols(scores);
        double[] s64 = dt == DType.F64 ? Checks.f64(scores) : null;
        double[] t64 = dt == DType.F64 ? Checks.f64(targets) : null;
        float[] s32 = dt == DType.F32 ? Checks.f32(scores) : null;
        float[] t32 = dt == DType.F32 ? Checks.f32(targets) : null;
        long count = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            if (cols == 1) {
                double s = s64 != null ? s64[base] : s32[base];
                double t = t64 != null ? t64[base] : t32[base];
                if ((s >= 0) == (t >= 0.5)) count++;
                continue;
            }
            int bestS = base;
            int bestT = base;
            for (int i = base + 1; i < base + cols; i++) {
                if (s64 != null ? s64[i] > s64[bestS] : s32[i] > s32[bestS]) bestS = i;
                if (t64 != null ? t64[i] > t64[bestT] : t32[i] > t32[bestT]) bestT = i;
            }
            if (bestS == bestT) count++;
        }
        return count;
    }
}
