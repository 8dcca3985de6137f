package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.DepthwiseConvContract;
import io.github.convnet4j.backend.ops.DepthwiseConvOps;
import io.github.convnet4j.backend.ops.DepthwiseShape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@link DepthwiseConvOps} on {@code depthwise.cl}: direct kernels (no im2col: a depthwise
 * convolution reads each input value R*S times at most, which the caches serve); the bias gradient
 * is the elementwise one.
 */
final class OpenClDepthwiseConvOps implements DepthwiseConvOps {
    private static final String FAMILY = "depthwise";

    private final OpenClBackend backend;

    OpenClDepthwiseConvOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void forward(ConvParams cp, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = DepthwiseConvContract.FORWARD;
        Checks chk = backend.checks();
        DepthwiseShape g = DepthwiseConvContract.forward(chk.device(), cp, x, w, bias, y);
        ClBuffer bx = chk.buffer(op, "x", x), bw = chk.buffer(op, "w", w), by = chk.buffer(op, "y", y);
        ClBuffer bb = bias == null ? by : chk.buffer(op, "bias", bias);   // must be a valid buffer even when unused
        geometry(backend.call(FAMILY, "depthwise_forward").buf(bx).buf(bw).buf(bb).buf(by).i(bias == null ? 0 : 1), g)
                .run3d(g.q(), g.p(), (long) g.n() * g.k());
    }

    @Override public void backwardData(ConvParams cp, Tensor dy, Tensor w, Tensor dx) {
        String op = DepthwiseConvContract.BACKWARD_DATA;
        Checks chk = backend.checks();
        DepthwiseShape g = DepthwiseConvContract.backwardData(chk.device(), cp, dy, w, dx);
        ClBuffer bdy = chk.buffer(op, "dy", dy), bw = chk.buffer(op, "w", w), bdx = chk.buffer(op, "dx", dx);
        geometry(backend.call(FAMILY, "depthwise_backward_data").buf(bdy).buf(bw).buf(bdx), g)
                .run3d(g.w(), g.h(), (long) g.n() * g.c());
    }

    @Override public void backwardFilter(ConvParams cp, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = DepthwiseConvContract.BACKWARD_FILTER;
        Checks chk = backend.checks();
        DepthwiseShape g = DepthwiseConvContract.backwardFilter(chk.device(), cp, x, dy, dw, dbias);
        ClBuffer bx = chk.buffer(op, "x", x), bdy = chk.buffer(op, "dy", dy), bdw = chk.buffer(op, "dw", dw);
        ClBuffer bdb = dbias == null ? null : chk.buffer(op, "dbias", dbias);
        geometry(backend.call(FAMILY, "depthwise_backward_filter").buf(bx).buf(bdy).buf(bdw).i(g.n()), g)
                .run1d((long) g.k() * g.r() * g.s());
        if (bdb != null) backend.elementwiseOps().biasGradient(bdy, bdb, g.n(), g.k(), g.p() * g.q());
    }

    /** Appends the geometry arguments the three kernels share. */
    private static KernelCall geometry(KernelCall call, DepthwiseShape g) {
        ConvParams p = g.params();
        return call.i(g.c()).i(g.m()).i(g.h()).i(g.w()).i(g.r()).i(g.s()).i(g.p()).i(g.q())
                .i(p.strideH()).i(p.strideW()).i(p.padTop()).i(p.padLeft()).i(p.dilationH()).i(p.dilationW());
    }
}
