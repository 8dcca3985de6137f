package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.UpsampleContract;
import io.github.convnet4j.backend.ops.UpsampleOps;
import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks the call against {@link UpsampleContract}, then runs {@link UpsampleReference} for F64 or {@link UpsampleFast} for F32. */
final class CpuUpsampleOps implements UpsampleOps {
    private final UpsampleFast fast;

    CpuUpsampleOps(CpuThreads threads) { this.fast = new UpsampleFast(threads); }

    @Override public void forward(UpsampleParams p, Tensor x, Tensor y) {
        UpsampleContract.forward(Checks.DEVICE, p, x, y);
        DType dt = Checks.dtype(UpsampleContract.FORWARD, "x, y", x, y);
        int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3);
        if (dt == DType.F64) UpsampleReference.forward(p, planes, h, w, Checks.f64(x), Checks.f64(y));
        else fast.forward(p, planes, h, w, Checks.f32(x), Checks.f32(y));
    }

    @Override public void backward(UpsampleParams p, Tensor dy, Tensor dx) {
        UpsampleContract.backward(Checks.DEVICE, p, dy, dx);
        DType dt = Checks.dtype(UpsampleContract.BACKWARD, "dy, dx", dy, dx);
        int planes = dx.dim(0) * dx.dim(1), h = dx.dim(2), w = dx.dim(3);
        if (dt == DType.F64) UpsampleReference.backward(p, planes, h, w, Checks.f64(dy), Checks.f64(dx));
        else fast.backward(p, planes, h, w, Checks.f32(dy), Checks.f32(dx));
    }
}
