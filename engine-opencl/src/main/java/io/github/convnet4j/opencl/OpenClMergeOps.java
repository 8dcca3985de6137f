package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.MergeOps;
import io.github.convnet4j.tensor.Tensor;

/** {@link MergeOps} on {@code merge.cl}: every copy, gate and pad stays on the device. */
final class OpenClMergeOps implements MergeOps {
    private static final String FAMILY = "merge";

    private final OpenClBackend backend;

    OpenClMergeOps(OpenClBackend backend) { this.backend = backend; }

    private void require(String op, String problem) {
        if (problem != null) throw backend.checks().error(op, problem);
    }

    /** Elements per channel: H * W, or 1 for (N, C). */
    private static int plane(Tensor t) { return (int) (t.size() / ((long) t.dim(0) * t.dim(1))); }

    @Override public void copyChannels(Tensor src, int srcOffset, Tensor dst, int dstOffset, int channels) {
        String op = "copyChannels";
        Checks chk = backend.checks();
        ClBuffer s = chk.buffer(op, "src", src), d = chk.buffer(op, "dst", dst);
        require(op, MergeOps.copyChannelsProblem(src, srcOffset, dst, dstOffset, channels));
        int plane = plane(src);
        backend.call(FAMILY, "copy_channels").buf(s).buf(d).i(src.dim(1)).i(srcOffset).i(dst.dim(1)).i(dstOffset).i(plane)
                .run3d(plane, channels, src.dim(0));
    }

    @Override public void scaleChannels(Tensor x, Tensor gate, Tensor out) {
        String op = "scaleChannels";
        Checks chk = backend.checks();
        ClBuffer bx = chk.buffer(op, "x", x), bg = chk.buffer(op, "gate", gate), bo = chk.buffer(op, "out", out);
        require(op, MergeOps.gateProblem(x, gate));
        chk.sameSize(op, "x", x, "out", out);
        int plane = plane(x);
        backend.call(FAMILY, "scale_channels").buf(bx).buf(bg).buf(bo).i(plane).run3d(plane, (long) x.dim(0) * x.dim(1), 1);
    }

    @Override public void gateGradient(Tensor dy, Tensor x, Tensor dgate) {
        String op = "gateGradient";
        Checks chk = backend.checks();
        ClBuffer bd = chk.buffer(op, "dy", dy), bx = chk.buffer(op, "x", x), bg = chk.buffer(op, "dgate", dgate);
        require(op, MergeOps.gateProblem(dy, dgate));
        chk.sameSize(op, "dy", dy, "x", x);
        int rows = dy.dim(0) * dy.dim(1);
        backend.call(FAMILY, "gate_gradient").buf(bd).buf(bx).buf(bg).i(rows).i(plane(dy)).run1d(rows);
    }

    @Override public void maximum(Tensor a, Tensor b, Tensor out) {
        String op = "maximum";
        Checks chk = backend.checks();
        ClBuffer ba = chk.buffer(op, "a", a), bb = chk.buffer(op, "b", b), bo = chk.buffer(op, "out", out);
        chk.sameSize(op, "a", a, "b", b);
        chk.sameSize(op, "a", a, "out", out);
        backend.call(FAMILY, "maximum").buf(ba).buf(bb).buf(bo).i((int) a.size()).run1d(a.size());
    }

    @Override public void routeMaximum(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = "routeMaximum";
        Checks chk = backend.checks();
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y), bd = chk.buffer(op, "dy", dy), bo = chk.buffer(op, "dx", dx);
        chk.sameSize(op, "x", x, "y", y);
        chk.sameSize(op, "x", x, "dy", dy);
        chk.sameSize(op, "x", x, "dx", dx);
        backend.call(FAMILY, "route_maximum").buf(bx).buf(by).buf(bd).buf(bo).i((int) x.size()).run1d(x.size());
    }

    @Override public void pad(Tensor x, Tensor y, int top, int left) {
        String op = "pad";
        Checks chk = backend.checks();
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y);
        require(op, MergeOps.padProblem(x, y, top, left));
        backend.call(FAMILY, "pad").buf(bx).buf(by).i(x.dim(2)).i(x.dim(3)).i(y.dim(2)).i(y.dim(3)).i(top).i(left)
                .run3d(y.dim(3), y.dim(2), (long) y.dim(0) * y.dim(1));
    }

    @Override public void crop(Tensor dy, Tensor dx, int top, int left) {
        String op = "crop";
        Checks chk = backend.checks();
        ClBuffer bd = chk.buffer(op, "dy", dy), bx = chk.buffer(op, "dx", dx);
        require(op, MergeOps.padProblem(dx, dy, top, left));
        backend.call(FAMILY, "crop").buf(bd).buf(bx).i(dx.dim(2)).i(dx.dim(3)).i(dy.dim(2)).i(dy.dim(3)).i(top).i(left)
                .run3d(dx.dim(3), dx.dim(2), (long) dx.dim(0) * dx.dim(1));
    }
}
