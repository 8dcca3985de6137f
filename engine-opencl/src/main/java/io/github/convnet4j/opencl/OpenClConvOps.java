package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.ConvContract;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.ConvShape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@link ConvOps} as im2col/col2im ({@code conv.cl}) around the tiled GEMM. Images are processed a
 * chunk at a time: the chunk's columns (C*R*S, nb*P*Q) and its gradient or output in channel-major
 * form (K, nb*P*Q) live in cached workspaces whose size is bounded, so a large batch never needs a
 * huge allocation, and each pass is one wide GEMM per chunk.
 */
final class OpenClConvOps implements ConvOps {
    private static final String FAMILY = "conv";

    private final OpenClBackend backend;
    /** Upper bound on the column workspace in bytes; 0 means the default derived from the device. */
    private long columnBudgetBytes;

    OpenClConvOps(OpenClBackend backend) { this.backend = backend; }

    /** Overrides the workspace bound (tests use a tiny one to exercise chunking); 0 restores the default. */
    void setColumnBudgetBytes(long bytes) { this.columnBudgetBytes = bytes; }

    /** The sizes of one call, checked by {@link ConvContract}: x (n, c, h, w), filters (k, c, r, s), y (n, k, p, q). */
    private record Geometry(ConvParams params, int n, int c, int h, int w, int k, int r, int s, int p, int q) {
        Geometry(ConvShape g) { this(g.params(), g.n(), g.c(), g.h(), g.w(), g.k(), g.r(), g.s(), g.p(), g.q()); }
        int rows() { return c * r * s; }          // rows of the column matrix
        int outPlane() { return p * q; }
    }

    /** The workspaces of one call, sized for chunks of {@code chunk} images. */
    private record Workspace(int chunk, ClBuffer columns, ClBuffer channelMajor) {}

    @Override public void forward(ConvParams cp, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = ConvContract.FORWARD;
        Checks chk = backend.checks();
        Geometry g = new Geometry(ConvContract.forward(chk.device(), op, cp, x, w, bias, y));
        ClBuffer bx = chk.buffer(op, "x", x), bw = chk.buffer(op, "w", w), by = chk.buffer(op, "y", y);
        ClBuffer bb = bias == null ? null : chk.buffer(op, "bias", bias);
        Workspace ws = workspace(g);
        GemmKernel gemm = backend.gemmKernel();
        int pq = g.outPlane();
        for (int n0 = 0; n0 < g.n; n0 += ws.chunk) {
            int nb = Math.min(ws.chunk, g.n - n0);
            im2col(g, bx, ws.columns, n0, nb);
            gemm.run(false, false, g.k, nb * pq, g.rows(), 1.0, bw, 0, g.rows(), 0,
                    ws.columns, 0, nb * pq, 0, 0.0, ws.channelMajor, 0, nb * pq, 0, 1);
            // The bias argument must be a valid buffer even when unused.
            backend.call(FAMILY, "scatter_image_major").buf(ws.channelMajor).buf(by).buf(bb != null ? bb : by)
                    .i(bb != null ? 1 : 0).i(n0).i(nb).i(g.k).i(pq).run3d(pq, nb, g.k);
        }
    }

    @Override public void backwardData(ConvParams cp, Tensor dy, Tensor w, Tensor dx) {
        String op = ConvContract.BACKWARD_DATA;
        Checks chk = backend.checks();
        Geometry g = new Geometry(ConvContract.backwardData(chk.device(), op, cp, dy, w, dx));
        ClBuffer bdy = chk.buffer(op, "dy", dy), bw = chk.buffer(op, "w", w), bdx = chk.buffer(op, "dx", dx);
        Workspace ws = workspace(g);
        GemmKernel gemm = backend.gemmKernel();
        int pq = g.outPlane();
        for (int n0 = 0; n0 < g.n; n0 += ws.chunk) {
            int nb = Math.min(ws.chunk, g.n - n0);
            gatherChannelMajor(g, bdy, ws.channelMajor, n0, nb);
            // col (CRS, nb*PQ) = W^T (CRS, K) dyT (K, nb*PQ), then folded back into dx.
            gemm.run(true, false, g.rows(), nb * pq, g.k, 1.0, bw, 0, g.rows(), 0,
                    ws.channelMajor, 0, nb * pq, 0, 0.0, ws.columns, 0, nb * pq, 0, 1);
            geometryArgs(backend.call(FAMILY, "col2im").buf(ws.columns).buf(bdx), g, n0, nb).run3d(g.w, g.h, (long) nb * g.c);
        }
    }

    @Override public void backwardFilter(ConvParams cp, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = ConvContract.BACKWARD_FILTER;
        Checks chk = backend.checks();
        Geometry g = new Geometry(ConvContract.backwardFilter(chk.device(), op, cp, x, dy, dw, dbias));
        ClBuffer bx = chk.buffer(op, "x", x), bdy = chk.buffer(op, "dy", dy), bdw = chk.buffer(op, "dw", dw);
        ClBuffer bdb = dbias == null ? null : chk.buffer(op, "dbias", dbias);
        Workspace ws = workspace(g);
        GemmKernel gemm = backend.gemmKernel();
        int pq = g.outPlane();
        for (int n0 = 0; n0 < g.n; n0 += ws.chunk) {
            int nb = Math.min(ws.chunk, g.n - n0);
            im2col(g, bx, ws.columns, n0, nb);
            gatherChannelMajor(g, bdy, ws.channelMajor, n0, nb);
            // dW (K, CRS) (+)= dyT (K, nb*PQ) col^T (nb*PQ, CRS): the whole chunk in one product.
            gemm.run(false, true, g.k, g.rows(), nb * pq, 1.0, ws.channelMajor, 0, nb * pq, 0,
                    ws.columns, 0, nb * pq, 0, n0 == 0 ? 0.0 : 1.0, bdw, 0, g.rows(), 0, 1);
        }
        if (bdb != null) backend.elementwiseOps().biasGradient(bdy, bdb, g.n, g.k, pq);
    }

    private void im2col(Geometry g, ClBuffer x, ClBuffer col, int n0, int nb) {
        geometryArgs(backend.call(FAMILY, "im2col").buf(x).buf(col), g, n0, nb).run3d(g.q, g.p, (long) g.rows() * nb);
    }

    private void gatherChannelMajor(Geometry g, ClBuffer dy, ClBuffer dyT, int n0, int nb) {
        backend.call(FAMILY, "gather_channel_major").buf(dy).buf(dyT).i(n0).i(nb).i(g.k).i(g.outPlane())
                .run3d(g.outPlane(), nb, g.k);
    }

    private static KernelCall geometryArgs(KernelCall call, Geometry g, int n0, int nb) {
        ConvParams p = g.params;
        return call.i(n0).i(nb).i(g.c).i(g.h).i(g.w).i(g.r).i(g.s).i(g.p).i(g.q)
                .i(p.strideH()).i(p.strideW()).i(p.padTop()).i(p.padLeft()).i(p.dilationH()).i(p.dilationW());
    }

    /** Chunk size and workspaces such that the column workspace stays within the budget. */
    private Workspace workspace(Geometry g) {
        ClDevice d = backend.device();
        long budgetBytes = columnBudgetBytes > 0 ? columnBudgetBytes
                : Math.min(d.maxAllocation(), Math.max(16L << 20, Math.min(256L << 20, d.globalMemory() / 16)));
        long perImage = (long) Math.max(g.rows(), g.k) * g.outPlane() * Float.BYTES;
        int chunk = (int) Math.min(g.n, Math.max(1, budgetBytes / perImage));
        long columns = (long) chunk * g.outPlane();
        return new Workspace(chunk, backend.scratch().get("conv columns", g.rows() * columns),
                backend.scratch().get("conv channel-major", g.k * columns));
    }
}
