package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.PoolContract;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/** {@link PoolOps} on {@code pool.cl}: forward one work-item per output, backward one per input. */
final class OpenClPoolOps implements PoolOps {
    private static final String FAMILY = "pool";

    private final OpenClBackend backend;

    OpenClPoolOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void forward(PoolParams p, Tensor x, Tensor y) {
        String op = PoolContract.FORWARD;
        Checks chk = backend.checks();
        Shape out = PoolContract.forward(chk.device(), p, x, y).output();
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y);
        geometry(backend.call(FAMILY, "pool_forward").buf(bx).buf(by), p, x, out).run3d(out.dim(3), out.dim(2), (long) x.dim(0) * x.dim(1));
    }

    @Override public void backward(PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = PoolContract.BACKWARD;
        Checks chk = backend.checks();
        Shape out = PoolContract.backward(chk.device(), p, x, y, dy, dx).output();
        ClBuffer bx = chk.buffer(op, "x", x), bdy = chk.buffer(op, "dy", dy), bdx = chk.buffer(op, "dx", dx);
        // y is not read: max-pool ties are resolved from x, so any y the caller kept is acceptable.
        long planes = (long) x.dim(0) * x.dim(1);
        if (p.strideH() >= p.windowH() && p.strideW() >= p.windowW()) {
            // Disjoint windows: one work-item per window scatters, nothing races. Inputs outside
            // every window (a ragged edge, gaps when stride > window) keep the zero filled here.
            backend.elementwise().fill(dx, 0);
            geometry(backend.call(FAMILY, "pool_backward_disjoint").buf(bx).buf(bdy).buf(bdx), p, x, out).run3d(out.dim(3), out.dim(2), planes);
            return;
        }
        geometry(backend.call(FAMILY, "pool_backward").buf(bx).buf(bdy).buf(bdx), p, x, out).run3d(x.dim(3), x.dim(2), planes);
    }

    /** Appends the geometry arguments shared by both kernels. */
    private static KernelCall geometry(KernelCall call, PoolParams p, Tensor x, Shape out) {
        return call.i(x.dim(0) * x.dim(1)).i(x.dim(2)).i(x.dim(3)).i(out.dim(2)).i(out.dim(3))
                .i(p.windowH()).i(p.windowW()).i(p.strideH()).i(p.strideW()).i(p.padTop()).i(p.padLeft())
                .i(p.mode() == PoolParams.Mode.MAX ? 0 : 1);
    }
}
