package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.MergeOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;
import java.util.Arrays;

/**
 * {@link MergeOps} on Java arrays, F64 (the reference) and F32 by the same loops. The copies move
 * whole channel planes or rows with {@code System.arraycopy}, which is already the fast way, so
 * there is no separate fast path; the gate gradient sums each plane in a fixed order, in double,
 * so its result does not depend on the vector width or thread count.
 */
final class CpuMergeOps implements MergeOps {
    private static Object array(Tensor t) { return t.dtype() == DType.F64 ? Checks.f64(t) : Checks.f32(t); }

    private static DType dtype(String op, String[] names, Tensor... ts) {
        for (int i = 0; i < ts.length; i++) Checks.notNull(op, names[i], ts[i]);
        return Checks.dtype(op, names, ts);
    }

    private static void require(String op, String problem) {
        if (problem != null) throw Checks.fail(op, problem);
    }

    /** Elements per channel: H * W, or 1 for (N, C). */
    private static int plane(Tensor t) { return (int) (t.size() / ((long) t.dim(0) * t.dim(1))); }

    @Override public void copyChannels(Tensor src, int srcOffset, Tensor dst, int dstOffset, int channels) {
        String op = "copyChannels";
        dtype(op, new String[] {"src", "dst"}, src, dst);
        require(op, MergeOps.copyChannelsProblem(src, srcOffset, dst, dstOffset, channels));
        int plane = plane(src), cs = src.dim(1), cd = dst.dim(1);
        Object s = array(src), d = array(dst);
        for (int n = 0; n < src.dim(0); n++) {
            System.arraycopy(s, (n * cs + srcOffset) * plane, d, (n * cd + dstOffset) * plane, channels * plane);
        }
    }

    @Override public void scaleChannels(Tensor x, Tensor gate, Tensor out) {
        String op = "scaleChannels";
        DType dt = dtype(op, new String[] {"x", "gate", "out"}, x, gate, out);
        require(op, MergeOps.gateProblem(x, gate));
        Checks.sameSize(op, "x", x, "out", out);
        int rows = x.dim(0) * x.dim(1), plane = plane(x);
        if (dt == DType.F64) {
            double[] a = Checks.f64(x), g = Checks.f64(gate), o = Checks.f64(out);
            for (int r = 0; r < rows; r++) for (int i = r * plane; i < (r + 1) * plane; i++) o[i] = a[i] * g[r];
        } else {
            float[] a = Checks.f32(x), g = Checks.f32(gate), o = Checks.f32(out);
            for (int r = 0; r < rows; r++) for (int i = r * plane; i < (r + 1) * plane; i++) o[i] = a[i] * g[r];
        }
    }

    @Override public void gateGradient(Tensor dy, Tensor x, Tensor dgate) {
        String op = "gateGradient";
        DType dt = dtype(op, new String[] {"dy", "x", "dgate"}, dy, x, dgate);
        require(op, MergeOps.gateProblem(dy, dgate));
        Checks.sameSize(op, "dy", dy, "x", x);
        int rows = dy.dim(0) * dy.dim(1), plane = plane(dy);
        if (dt == DType.F64) {
            double[] d = Checks.f64(dy), a = Checks.f64(x), g = Checks.f64(dgate);
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int i = r * plane; i < (r + 1) * plane; i++) s += d[i] * a[i];
                g[r] = s;
            }
        } else {
            float[] d = Checks.f32(dy), a = Checks.f32(x), g = Checks.f32(dgate);
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int i = r * plane; i < (r + 1) * plane; i++) s += (double) d[i] * a[i];
                g[r] = (float) s;
            }
        }
    }

    @Override public void maximum(Tensor a, Tensor b, Tensor out) {
        String op = "maximum";
        DType dt = dtype(op, new String[] {"a", "b", "out"}, a, b, out);
        Checks.sameSize(op, "a", a, "b", b);
        Checks.sameSize(op, "a", a, "out", out);
        int n = Checks.n(a);
        if (dt == DType.F64) {
            double[] x = Checks.f64(a), y = Checks.f64(b), o = Checks.f64(out);
            for (int i = 0; i < n; i++) o[i] = Math.max(x[i], y[i]);
        } else {
            float[] x = Checks.f32(a), y = Checks.f32(b), o = Checks.f32(out);
            for (int i = 0; i < n; i++) o[i] = Math.max(x[i], y[i]);
        }
    }

    @Override public void routeMaximum(Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = "routeMaximum";
        DType dt = dtype(op, new String[] {"x", "y", "dy", "dx"}, x, y, dy, dx);
        for (Tensor t : new Tensor[] {y, dy, dx}) Checks.sameSize(op, "x", x, "other", t);
        int n = Checks.n(x);
        if (dt == DType.F64) {
            double[] a = Checks.f64(x), m = Checks.f64(y), d = Checks.f64(dy), o = Checks.f64(dx);
            for (int i = 0; i < n; i++) o[i] = a[i] == m[i] ? d[i] : 0;
        } else {
            float[] a = Checks.f32(x), m = Checks.f32(y), d = Checks.f32(dy), o = Checks.f32(dx);
            for (int i = 0; i < n; i++) o[i] = a[i] == m[i] ? d[i] : 0;
        }
    }

    @Override public void pad(Tensor x, Tensor y, int top, int left) {
        String op = "pad";
        dtype(op, new String[] {"x", "y"}, x, y);
        require(op, MergeOps.padProblem(x, y, top, left));
        if (y.dtype() == DType.F64) Arrays.fill(Checks.f64(y), 0, Checks.n(y), 0.0);
        else Arrays.fill(Checks.f32(y), 0, Checks.n(y), 0f);
        rows(array(x), x, array(y), y, top, left, true);
    }

    @Override public void crop(Tensor dy, Tensor dx, int top, int left) {
        String op = "crop";
        dtype(op, new String[] {"dy", "dx"}, dy, dx);
        require(op, MergeOps.padProblem(dx, dy, top, left));
        rows(array(dx), dx, array(dy), dy, top, left, false);
    }

    /** Copies each row of the small tensor to or from its place in the large one. */
    private static void rows(Object small, Tensor s, Object large, Tensor l, int top, int left, boolean intoLarge) {
        int planes = s.dim(0) * s.dim(1), h = s.dim(2), w = s.dim(3), lh = l.dim(2), lw = l.dim(3);
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < h; r++) {
                int si = (p * h + r) * w, li = (p * lh + top + r) * lw + left;
                if (intoLarge) System.arraycopy(small, si, large, li, w);
                else System.arraycopy(large, li, small, si, w);
            }
        }
    }
}
