package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks shapes, then runs {@link PoolReference} for F64 or {@link PoolFast} for F32. */
final class CpuPoolOps implements PoolOps {
    private final PoolFast fast;

    CpuPoolOps(CpuThreads threads) {
        this.fast = new PoolFast(threads);
    }

    @Override public void forward(PoolParams p, Tensor x, Tensor y) {
        String op = "pool forward";
        Checks.notNull(op, "x", x);
        Checks.notNull(op, "y", y);
        DType dt = Checks.dtype(op, new String[] {"x", "y"}, x, y);
        PoolGeometry g = PoolGeometry.of(op, p, "x", x);
        Checks.shape(op, "y", y, g.outputShape(x.shape()), "N, C, P, Q for x " + x.shape());
        Checks.distinct(op, "y", y, "x", x);
        if (dt == DType.F64) PoolReference.forward(g, Checks.f64(x), Checks.f64(y));
        else fast.forward(g, Checks.f32(x), Checks.f32(y));
    }

    /** {@inheritDoc} The forward output y is not needed here and may be null. */
    @Override public void backward(PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = "pool backward";
        Checks.notNull(op, "x", x);
        Checks.notNull(op, "dy", dy);
        Checks.notNull(op, "dx", dx);
        DType dt = Checks.dtype(op, new String[] {"x", "y", "dy", "dx"}, x, y, dy, dx);
        PoolGeometry g = PoolGeometry.of(op, p, "x", x);
        Checks.shape(op, "dy", dy, g.outputShape(x.shape()), "N, C, P, Q for x " + x.shape());
        if (y != null) Checks.sameShape(op, "dy", dy, "y", y);
        Checks.sameShape(op, "x", x, "dx", dx);
        Checks.distinct(op, "dx", dx, "x", x);
        Checks.distinct(op, "dx", dx, "dy", dy);
        if (dt == DType.F64) PoolReference.backward(g, Checks.f64(x), Checks.f64(dy), Checks.f64(dx));
        else fast.backward(g, Checks.f32(x), Checks.f32(dy), Checks.f32(dx));
    }
}
