package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.UpsampleContract;
import io.github.convnet4j.backend.ops.UpsampleOps;
import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.tensor.Tensor;

/** {@link UpsampleOps} on {@code upsample.cl}: forward one work-item per output, backward one per input. */
final class OpenClUpsampleOps implements UpsampleOps {
    private static final String FAMILY = "upsample";

    private final OpenClBackend backend;

    OpenClUpsampleOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void forward(UpsampleParams p, Tensor x, Tensor y) {
        String op = UpsampleContract.FORWARD;
        Checks chk = backend.checks();
        UpsampleContract.forward(chk.device(), p, x, y);
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y);
        backend.call(FAMILY, "upsample_forward").buf(bx).buf(by).i(x.dim(2)).i(x.dim(3)).i(p.factorH()).i(p.factorW())
                .run3d(y.dim(3), y.dim(2), (long) x.dim(0) * x.dim(1));
    }

    @Override public void backward(UpsampleParams p, Tensor dy, Tensor dx) {
        String op = UpsampleContract.BACKWARD;
        Checks chk = backend.checks();
        UpsampleContract.backward(chk.device(), p, dy, dx);
        ClBuffer bdy = chk.buffer(op, "dy", dy), bdx = chk.buffer(op, "dx", dx);
        backend.call(FAMILY, "upsample_backward").buf(bdy).buf(bdx).i(dx.dim(2)).i(dx.dim(3)).i(p.factorH()).i(p.factorW())
                .run3d(dx.dim(3), dx.dim(2), (long) dx.dim(0) * dx.dim(1));
    }
}
