package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.PoolContract;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks the call against {@link PoolContract}, then runs {@link PoolReference} for F64 or {@link PoolFast} for F32. */
final class CpuPoolOps implements PoolOps {
    private final PoolFast fast;

    CpuPoolOps(CpuThreads threads) {
        this.fast = new PoolFast(threads);
    }

    @Override public void forward(PoolParams p, Tensor x, Tensor y) {
        PoolGeometry g = PoolGeometry.of(PoolContract.forward(Checks.DEVICE, p, x, y));
        DType dt = Checks.dtype(PoolContract.FORWARD, "x, y", x, y);
        if (dt == DType.F64) PoolReference.forward(g, Checks.f64(x), Checks.f64(y));
        else fast.forward(g, Checks.f32(x), Checks.f32(y));
    }

    /** {@inheritDoc} The forward output y is not needed here and may be null. */
    @Override public void backward(PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        PoolGeometry g = PoolGeometry.of(PoolContract.backward(Checks.DEVICE, p, x, y, dy, dx));
        DType dt = Checks.dtype(PoolContract.BACKWARD, "x, y, dy, dx", x, y, dy, dx);
        if (dt == DType.F64) PoolReference.backward(g, Checks.f64(x), Checks.f64(dy), Checks.f64(dx));
        else fast.backward(g, Checks.f32(x), Checks.f32(dy), Checks.f32(dx));
    }
}
