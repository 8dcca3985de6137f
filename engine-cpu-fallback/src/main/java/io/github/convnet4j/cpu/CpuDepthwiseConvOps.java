package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.DepthwiseConvContract;
import io.github.convnet4j.backend.ops.DepthwiseConvOps;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.DepthwiseShape;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks the call against {@link DepthwiseConvContract}, then runs {@link DepthwiseReference} for F64 or {@link DepthwiseFast} for F32. */
final class CpuDepthwiseConvOps implements DepthwiseConvOps {
    private final DepthwiseFast fast;

    CpuDepthwiseConvOps(CpuThreads threads, Workspaces workspaces) { this.fast = new DepthwiseFast(threads, workspaces); }

    @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        DepthwiseShape g = DepthwiseConvContract.forward(Checks.DEVICE, p, x, w, bias, y);
        DType dt = Checks.dtype(DepthwiseConvContract.FORWARD, "x, w, bias, y", x, w, bias, y);
        if (dt == DType.F64) DepthwiseReference.forward(g, Checks.f64(x), Checks.f64(w), bias == null ? null : Checks.f64(bias), Checks.f64(y));
        else fast.forward(g, Checks.f32(x), Checks.f32(w), bias == null ? null : Checks.f32(bias), Checks.f32(y));
    }

    @Override public void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        DepthwiseShape g = DepthwiseConvContract.backwardData(Checks.DEVICE, p, dy, w, dx);
        DType dt = Checks.dtype(DepthwiseConvContract.BACKWARD_DATA, "dy, w, dx", dy, w, dx);
        if (dt == DType.F64) DepthwiseReference.backwardData(g, Checks.f64(dy), Checks.f64(w), Checks.f64(dx));
        else fast.backwardData(g, Checks.f32(dy), Checks.f32(w), Checks.f32(dx));
    }

    @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        DepthwiseShape g = DepthwiseConvContract.backwardFilter(Checks.DEVICE, p, x, dy, dw, dbias);
        DType dt = Checks.dtype(DepthwiseConvContract.BACKWARD_FILTER, "x, dy, dw, dbias", x, dy, dw, dbias);
        if (dt == DType.F64) {
            DepthwiseReference.backwardFilter(g, Checks.f64(x), Checks.f64(dy), Checks.f64(dw), dbias == null ? null : Checks.f64(dbias));
        } else {
            fast.backwardFilter(g, Checks.f32(x), Checks.f32(dy), Checks.f32(dw), dbias == null ? null : Checks.f32(dbias));
        }
    }
}
