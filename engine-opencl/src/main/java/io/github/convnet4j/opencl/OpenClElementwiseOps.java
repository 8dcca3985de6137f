package io.github.convnet4j.opencl;

import static org.jocl.CL.clEnqueueCopyBuffer;

import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.tensor.Tensor;
import org.jocl.CLException;

/** {@link ElementwiseOps} on {@code elementwise.cl}: one work-item per element. */
final class OpenClElementwiseOps implements ElementwiseOps {
    private static final String FAMILY = "elementwise";
    /** Cap on the work-group of the per-channel bias reduction. */
    private static final int REDUCE_GROUP = 256;

    private final OpenClBackend backend;

    OpenClElementwiseOps(OpenClBackend backend) { this.backend = backend; }

    @Override public void fill(Tensor t, double value) {
        ClBuffer b = backend.checks().buffer("fill", "t", t);
        backend.call(FAMILY, "fill").buf(b).i((int) t.size()).f(value).run1d(t.size());
    }

    @Override public void copy(Tensor src, Tensor dst) {
        Checks chk = backend.checks();
        ClBuffer s = chk.buffer("copy", "src", src), d = chk.buffer("copy", "dst", dst);
        chk.sameSize("copy", "src", src, "dst", dst);
        if (s == d) return;
        try {
            clEnqueueCopyBuffer(backend.queue(), s.mem(), d.mem(), 0, 0, src.size() * Float.BYTES, 0, null, null);
        } catch (CLException e) {
            throw chk.error("copy", "copying " + src.shape() + " failed: " + e.getMessage());
        }
    }

    @Override public void scale(Tensor t, double alpha) {
        ClBuffer b = backend.checks().buffer("scale", "t", t);
        backend.call(FAMILY, "scale").buf(b).i((int) t.size()).f(alpha).run1d(t.size());
    }

    @Override public void axpy(double alpha, Tensor x, Tensor y) {
        Checks chk = backend.checks();
        ClBuffer bx = chk.buffer("axpy", "x", x), by = chk.buffer("axpy", "y", y);
        chk.sameSize("axpy", "x", x, "y", y);
        backend.call(FAMILY, "axpy").buf(bx).buf(by).i((int) y.size()).f(alpha).run1d(y.size());
    }

    @Override public void add(Tensor a, Tensor b, Tensor out) {
        binary("add", a, b, out);
    }

    @Override public void multiply(Tensor a, Tensor b, Tensor out) {
        binary("multiply", a, b, out);
    }

    private void binary(String op, Tensor a, Tensor b, Tensor out) {
        Checks chk = backend.checks();
        ClBuffer ba = chk.buffer(op, "a", a), bb = chk.buffer(op, "b", b), bo = chk.buffer(op, "out", out);
        chk.sameSize(op, "a", a, "b", b);
        chk.sameSize(op, "a", a, "out", out);
        backend.call(FAMILY, op).buf(ba).buf(bb).buf(bo).i((int) out.size()).run1d(out.size());
    }

    @Override public void addBias(Tensor y, Tensor bias) {
        Checks chk = backend.checks();
        ClBuffer by = chk.buffer("addBias", "y", y), bb = chk.buffer("addBias", "bias", bias);
        int channels = channelsOf(chk, "addBias", y, "y", bias);
        int inner = (int) (y.size() / y.dim(0) / channels);
        backend.call(FAMILY, "add_bias").buf(by).buf(bb).i(channels).i(inner).run3d(inner, channels, y.dim(0));
    }

    @Override public void biasGradient(Tensor dy, Tensor dbias) {
        Checks chk = backend.checks();
        ClBuffer bdy = chk.buffer("biasGradient", "dy", dy), bdb = chk.buffer("biasGradient", "dbias", dbias);
        int channels = channelsOf(chk, "biasGradient", dy, "dy", dbias);
        biasGradient(bdy, bdb, dy.dim(0), channels, (int) (dy.size() / dy.dim(0) / channels));
    }

    /** {@code dbias[c] = sum of dy (batch, C, inner) over batch and inner}, overwritten. */
    void biasGradient(ClBuffer dy, ClBuffer dbias, int batch, int channels, int inner) {
        ClKernel k = backend.programs().family(FAMILY, "").kernel("bias_gradient");
        int group = k.powerOfTwoGroupSize(REDUCE_GROUP);
        backend.call(k).buf(dy).buf(dbias).i(batch).i(channels).i(inner).local((long) group * Float.BYTES)
                .runGroups(channels, group);
    }

    private static int channelsOf(Checks chk, String op, Tensor y, String role, Tensor bias) {
        chk.rank(op, role, y, 2, 4);
        chk.rank(op, "bias", bias, 1);
        if (bias.dim(0) != y.dim(1)) {
            throw chk.error(op, role + " " + y.shape() + " has " + y.dim(1) + " channels but bias is " + bias.shape());
        }
        return y.dim(1);
    }

    @Override public void dropoutForward(Tensor x, Tensor y, Tensor mask, double rate, int seed) {
        Checks chk = backend.checks();
        String op = "dropoutForward";
        ClBuffer bx = chk.buffer(op, "x", x), by = chk.buffer(op, "y", y), bm = chk.buffer(op, "mask", mask);
        chk.sameSize(op, "x", x, "y", y);
        chk.sameSize(op, "x", x, "mask", mask);
        chk.require(rate >= 0 && rate < 1, op, "rate " + rate + " is outside [0, 1)");
        // u >= rate with u = k / 2^24 holds exactly when k >= ceil(rate * 2^24); rate * 2^24 is exact in double.
        long threshold = (long) Math.ceil(rate * 0x1.0p24);
        float keepScale = (float) (1.0 / (1.0 - rate));
        backend.call(FAMILY, "dropout_forward").buf(bx).buf(by).buf(bm).i((int) x.size())
                .i(seed).i((int) threshold).f(keepScale).run1d(x.size());
    }

    @Override public void addRegularizationGradient(Tensor w, Tensor g, double l1, double l2) {
        Checks chk = backend.checks();
        String op = "addRegularizationGradient";
        ClBuffer bw = chk.buffer(op, "w", w), bg = chk.buffer(op, "g", g);
        chk.sameSize(op, "w", w, "g", g);
        if (l1 == 0 && l2 == 0) return;
        backend.call(FAMILY, "regularization_gradient").buf(bw).buf(bg).i((int) w.size()).f(l1).f(2 * l2).run1d(w.size());
    }

    @Override public void clip(Tensor t, double lo, double hi) {
        Checks chk = backend.checks();
        ClBuffer b = chk.buffer("clip", "t", t);
        String problem = ElementwiseOps.clipBoundsProblem(lo, hi);
        if (problem != null) throw chk.error("clip", problem);
        backend.call(FAMILY, "clip").buf(b).i((int) t.size()).f(lo).f(hi).run1d(t.size());
    }
}
