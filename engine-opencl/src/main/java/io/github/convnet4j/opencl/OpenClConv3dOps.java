package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.Conv3dContract;
import io.github.convnet4j.backend.ops.Conv3dOps;
import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;
import io.github.convnet4j.tensor.Tensor;

/** {@link Conv3dOps} on {@code conv3d.cl}: direct kernels; the bias gradient is the elementwise one. */
final class OpenClConv3dOps implements Conv3dOps {
    private static final String FAMILY = "conv3d";

    private final OpenClBackend backend;

    OpenClConv3dOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void forward(Conv3dParams cp, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = Conv3dContract.FORWARD;
        Checks chk = backend.checks();
        Conv3dShape g = Conv3dContract.forward(chk.device(), cp, x, w, bias, y);
        ClBuffer bx = chk.buffer(op, "x", x), bw = chk.buffer(op, "w", w), by = chk.buffer(op, "y", y);
        ClBuffer bb = bias == null ? by : chk.buffer(op, "bias", bias);   // must be a valid buffer even when unused
        geometry(backend.call(FAMILY, "conv3d_forward").buf(bx).buf(bw).buf(bb).buf(by).i(bias == null ? 0 : 1), g)
                .run3d(g.ow(), g.oh(), (long) g.n() * g.k() * g.od());
    }

    @Override public void backwardData(Conv3dParams cp, Tensor dy, Tensor w, Tensor dx) {
        String op = Conv3dContract.BACKWARD_DATA;
        Checks chk = backend.checks();
        Conv3dShape g = Conv3dContract.backwardData(chk.device(), cp, dy, w, dx);
        ClBuffer bdy = chk.buffer(op, "dy", dy), bw = chk.buffer(op, "w", w), bdx = chk.buffer(op, "dx", dx);
        geometry(backend.call(FAMILY, "conv3d_backward_data").buf(bdy).buf(bw).buf(bdx), g)
                .run3d(g.w(), g.h(), (long) g.n() * g.c() * g.d());
    }

    @Override public void backwardFilter(Conv3dParams cp, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = Conv3dContract.BACKWARD_FILTER;
        Checks chk = backend.checks();
        Conv3dShape g = Conv3dContract.backwardFilter(chk.device(), cp, x, dy, dw, dbias);
        ClBuffer bx = chk.buffer(op, "x", x), bdy = chk.buffer(op, "dy", dy), bdw = chk.buffer(op, "dw", dw);
        ClBuffer bdb = dbias == null ? null : chk.buffer(op, "dbias", dbias);
        geometry(backend.call(FAMILY, "conv3d_backward_filter").buf(bx).buf(bdy).buf(bdw), g).run1d((long) g.k() * g.taps());
        if (bdb != null) backend.elementwiseOps().biasGradient(bdy, bdb, g.n(), g.k(), g.od() * g.oh() * g.ow());
    }

    /** Appends the geometry arguments the three kernels end with. */
    private static KernelCall geometry(KernelCall call, Conv3dShape g) {
        Conv3dParams p = g.params();
        return call.i(g.n()).i(g.c()).i(g.d()).i(g.h()).i(g.w()).i(g.k()).i(g.t()).i(g.r()).i(g.s()).i(g.od()).i(g.oh()).i(g.ow())
                .i(p.strideD()).i(p.strideH()).i(p.strideW()).i(p.padFront()).i(p.padTop()).i(p.padLeft())
                .i(p.dilationD()).i(p.dilationH()).i(p.dilationW());
    }
}
