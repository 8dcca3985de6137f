package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.UpsampleContract;
import io.github.convnet4j.backend.ops.UpsampleOps;
import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.tensor.Tensor;

/** Nearest upsampling in {@code upsample.cu}: forward one thread per output, backward one per input (a gather). */
final class CudaUpsampleOps implements UpsampleOps {
    private static final String F = "upsample";
    private final CudaDevice d;

    CudaUpsampleOps(CudaDevice device) { this.d = device; }

    @Override public void forward(UpsampleParams p, Tensor x, Tensor y) {
        String op = UpsampleContract.FORWARD;
        UpsampleContract.forward(d.label(), p, x, y);
        Checks.intSize(d, op, "y " + y.shape(), y.size());
        d.bind();
        long planes = (long) x.dim(0) * x.dim(1);
        int h = x.dim(2), w = x.dim(3), fh = p.factorH(), fw = p.factorW();
        d.kernels().launch(F, "upsample_forward_f32", d.kernels().gridFor(y.size()), d.ptr(x, op), d.ptr(y, op), planes, h, w, fh, fw);
    }

    @Override public void backward(UpsampleParams p, Tensor dy, Tensor dx) {
        String op = UpsampleContract.BACKWARD;
        UpsampleContract.backward(d.label(), p, dy, dx);
        Checks.intSize(d, op, "dy " + dy.shape(), dy.size());
        d.bind();
        long planes = (long) dx.dim(0) * dx.dim(1);
        int h = dx.dim(2), w = dx.dim(3), fh = p.factorH(), fw = p.factorW();
        d.kernels().launch(F, "upsample_backward_f32", d.kernels().gridFor(dx.size()), d.ptr(dy, op), d.ptr(dx, op), planes, h, w, fh, fw);
    }
}
