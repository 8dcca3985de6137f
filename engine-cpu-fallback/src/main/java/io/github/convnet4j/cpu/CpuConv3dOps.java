package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dContract;
import io.github.convnet4j.backend.ops.Conv3dOps;
import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks the call against {@link Conv3dContract}, then runs {@link Conv3dReference} for F64 or {@link Conv3dFast} for F32. */
final class CpuConv3dOps implements Conv3dOps {
    private final Conv3dFast fast;

    CpuConv3dOps(CpuThreads threads) { this.fast = new Conv3dFast(threads); }

    @Override public void forward(Conv3dParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        Conv3dShape g = Conv3dContract.forward(Checks.DEVICE, p, x, w, bias, y);
        DType dt = Checks.dtype(Conv3dContract.FORWARD, "x, w, bias, y", x, w, bias, y);
        if (dt == DType.F64) Conv3dReference.forward(g, Checks.f64(x), Checks.f64(w), bias == null ? null : Checks.f64(bias), Checks.f64(y));
        else fast.forward(g, Checks.f32(x), Checks.f32(w), bias == null ? null : Checks.f32(bias), Checks.f32(y));
    }

    @Override public void backwardData(Conv3dParams p, Tensor dy, Tensor w, Tensor dx) {
        Conv3dShape g = Conv3dContract.backwardData(Checks.DEVICE, p, dy, w, dx);
        DType dt = Checks.dtype(Conv3dContract.BACKWARD_DATA, "dy, w, dx", dy, w, dx);
        if (dt == DType.F64) Conv3dReference.backwardData(g, Checks.f64(dy), Checks.f64(w), Checks.f64(dx));
        else fast.backwardData(g, Checks.f32(dy), Checks.f32(w), Checks.f32(dx));
    }

    @Override public void backwardFilter(Conv3dParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        Conv3dShape g = Conv3dContract.backwardFilter(Checks.DEVICE, p, x, dy, dw, dbias);
        DType dt = Checks.dtype(Conv3dContract.BACKWARD_FILTER, "x, dy, dw, dbias", x, dy, dw, dbias);
        if (dt == DType.F64) {
            Conv3dReference.backwardFilter(g, Checks.f64(x), Checks.f64(dy), Checks.f64(dw), dbias == null ? null : Checks.f64(dbias));
        } else {
            fast.backwardFilter(g, Checks.f32(x), Checks.f32(dy), Checks.f32(dw), dbias == null ? null : Checks.f32(dbias));
        }
    }
}
