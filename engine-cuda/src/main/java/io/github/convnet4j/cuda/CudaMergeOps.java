package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.MergeOps;
import io.github.convnet4j.tensor.Tensor;

/** {@link MergeOps} with the kernels of {@code kernels/cuda/merge.cu}: every copy, gate and pad stays on the device. */
final class CudaMergeOps implements MergeOps {
    private static final String F = "merge";
    private final CudaDevice d;

    CudaMergeOps(CudaDevice device) { this.d = device; }

    private void require(String op, String problem) {
        if (problem != null) throw Checks.error(d, op, problem);
    }

    /** Elements per channel: H * W, or 1 for (N, C). */
    private static long plane(Tensor t) { return t.size() / ((long) t.dim(0) * t.dim(1)); }

    @Override public void copyChannels(Tensor src, int srcOffset, Tensor dst, int dstOffset, int channels) {
        String op = "copyChannels";
        require(op, MergeOps.copyChannelsProblem(src, srcOffset, dst, dstOffset, channels));
        long plane = plane(src), count = (long) src.dim(0) * channels * plane;
        if (count == 0) return;
        d.bind();
        int srcC = src.dim(1), dstC = dst.dim(1);
        d.kernels().launch(F, "copy_channels_f32", d.kernels().gridFor(count), d.ptr(src, op), d.ptr(dst, op), srcC, srcOffset,
                dstC, dstOffset, channels, plane, count);
    }

    @Override public void scaleChannels(Tensor x, Tensor gate, Tensor out) {
        String op = "scaleChannels";
        require(op, MergeOps.gateProblem(x, gate));
        Checks.sameSize(d, op, "x", x, "out", out);
        d.bind();
        long n = x.size(), plane = plane(x);
        d.kernels().launch(F, "scale_channels_f32", d.kernels().gridFor(n), d.ptr(x, op), d.ptr(gate, op), d.ptr(out, op), plane, n);
    }

    @Override public void gateGradient(Tensor dy, Tensor x, Tensor dgate) {
        String op = "gateGradient";
        require(op, MergeOps.gateProblem(dy, dgate));
        Checks.sameSize(d, op, "dy", dy, "x", x);
        d.bind();
        long rows = (long) dy.dim(0) * dy.dim(1), plane = plane(dy);
        d.kernels().launch(F, "gate_gradient_f32", d.kernels().gridFor(rows), d.ptr(dy, op), d.ptr(x, op), d.ptr(dgate, op), plane, rows);
    }

    @Override public void maximum(Tensor a, Tensor b, Tensor out) {
        String op = "maximum";
        Checks.sameSize(d, op, "a", a, "b", b);
        Checks.sameSize(d, op, "a", a, "out", out);
        d.bind();
        long n = a.size();
        d.kernels().launch(F, "maximum_f32", d.kernels().gridFor(n), d.ptr(a, op), d.ptr(b, op), d.ptr(out, op), n);
    }

    @Override public void routeMaximum(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = "routeMaximum";
        Checks.sameSize(d, op, "x", x, "y", y);
        Checks.sameSize(d, op, "x", x, "dy", dy);
        Checks.sameSize(d, op, "x", x, "dx", dx);
        d.bind();
        long n = x.size();
        d.kernels().launch(F, "route_maximum_f32", d.kernels().gridFor(n), d.ptr(x, op), d.ptr(y, op), d.ptr(dy, op), d.ptr(dx, op), n);
    }

    @Override public void pad(Tensor x, Tensor y, int top, int left) {
        String op = "pad";
        require(op, MergeOps.padProblem(x, y, top, left));
        d.bind();
        long n = y.size();
        int h = x.dim(2), w = x.dim(3), lh = y.dim(2), lw = y.dim(3);
        d.kernels().launch(F, "zero_pad_f32", d.kernels().gridFor(n), d.ptr(x, op), d.ptr(y, op), h, w, lh, lw, top, left, n);
    }

    @Override public void crop(Tensor dy, Tensor dx, int top, int left) {
        String op = "crop";
        require(op, MergeOps.padProblem(dx, dy, top, left));
        d.bind();
        long n = dx.size();
        int h = dx.dim(2), w = dx.dim(3), lh = dy.dim(2), lw = dy.dim(3);
        d.kernels().launch(F, "crop_f32", d.kernels().gridFor(n), d.ptr(dy, op), d.ptr(dx, op), h, w, lh, lw, top, left, n);
    }
}
