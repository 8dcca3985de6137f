package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/** Checks sizes, then runs {@link ElementwiseReference} for F64 or {@link ElementwiseFast} for F32. */
final class CpuElementwiseOps implements ElementwiseOps {
    private final ElementwiseFast fast;

    CpuElementwiseOps(CpuThreads threads) {
        this.fast = new ElementwiseFast(threads);
    }

    /** Null checks, one dtype, and equal element counts against the first tensor. */
    private static DType check(String op, String[] names, Tensor... ts) {
        for (int i = 0; i < ts.length; i++) {
            Checks.notNull(op, names[i], ts[i]);
            if (i > 0) Checks.sameSize(op, names[0], ts[0], names[i], ts[i]);
        }
        return Checks.dtype(op, names, ts);
    }

    @Override public void fill(Tensor t, double value) {
        DType dt = check("fill", new String[] {"t"}, t);
        if (dt == DType.F64) java.util.Arrays.fill(Checks.f64(t), 0, Checks.n(t), value);
        else fast.fill(Checks.n(t), Checks.f32(t), (float) value);
    }

    @Override public void copy(Tensor src, Tensor dst) {
        DType dt = check("copy", new String[] {"src", "dst"}, src, dst);
        if (dt == DType.F64) System.arraycopy(Checks.f64(src), 0, Checks.f64(dst), 0, Checks.n(src));
        else System.arraycopy(Checks.f32(src), 0, Checks.f32(dst), 0, Checks.n(src));
    }

    @Override public void scale(Tensor t, double alpha) {
        DType dt = check("scale", new String[] {"t"}, t);
        if (dt == DType.F64) {
            double[] d = Checks.f64(t);
            for (int i = 0; i < Checks.n(t); i++) d[i] *= alpha;
        } else {
            fast.scale(Checks.n(t), Checks.f32(t), (float) alpha);
        }
    }

    @Override public void axpy(double alpha, Tensor x, Tensor y) {
        DType dt = check("axpy", new String[] {"x", "y"}, x, y);
        if (dt == DType.F64) ElementwiseReference.axpy(Checks.n(x), alpha, Checks.f64(x), Checks.f64(y));
        else fast.axpy(Checks.n(x), (float) alpha, Checks.f32(x), Checks.f32(y));
    }

    @Override public void add(Tensor a, Tensor b, Tensor out) {
        DType dt = check("add", new String[] {"a", "b", "out"}, a, b, out);
        if (dt == DType.F64) ElementwiseReference.add(Checks.n(a), Checks.f64(a), Checks.f64(b), Checks.f64(out));
        else fast.add(Checks.n(a), Checks.f32(a), Checks.f32(b), Checks.f32(out));
    }

    /** y viewed as (N, C, inner) with C = y.dim(1); the bias must hold C values. */
    private static int[] biasLayout(String op, String yName, Tensor y, String bName, Tensor bias) {
        Checks.notNull(op, yName, y);
        Checks.notNull(op, bName, bias);
        if (y.shape().rank() < 2) throw Checks.fail(op, Checks.describe(yName, y) + " needs rank >= 2 (N, C, ...)");
        int n = y.dim(0);
        int c = y.dim(1);
        if (bias.size() != c) Checks.vector(op, bName, bias, c, "one per channel of " + Checks.describe(yName, y));
        return new int[] {n, c, (int) (y.size() / ((long) n * c))};
    }

    @Override public void addBias(Tensor y, Tensor bias) {
        String op = "add bias";
        int[] l = biasLayout(op, "y", y, "bias", bias);
        DType dt = Checks.dtype(op, "y, bias", y, bias);
        if (dt == DType.F64) ElementwiseReference.addBias(l[0], l[1], l[2], Checks.f64(y), Checks.f64(bias));
        else fast.addBias(l[0], l[1], l[2], Checks.f32(y), Checks.f32(bias));
    }

    @Override public void biasGradient(Tensor dy, Tensor dbias) {
        String op = "bias gradient";
        int[] l = biasLayout(op, "dy", dy, "dbias", dbias);
        DType dt = Checks.dtype(op, "dy, dbias", dy, dbias);
        if (dt == DType.F64) ElementwiseReference.biasGradient(l[0], l[1], l[2], Checks.f64(dy), Checks.f64(dbias));
        else fast.biasGradient(l[0], l[1], l[2], Checks.f32(dy), Checks.f32(dbias));
    }

    @Override public void dropoutForward(Tensor x, Tensor y, Tensor mask, double rate, int seed) {
        String op = "dropout forward";
        DType dt = check(op, new String[] {"x", "y", "mask"}, x, y, mask);
        if (!(rate >= 0 && rate < 1)) throw Checks.fail(op, "rate must be in [0, 1), got " + rate + " for x " + x.shape());
        if (dt == DType.F64) ElementwiseReference.dropoutForward(Checks.n(x), Checks.f64(x), Checks.f64(y), Checks.f64(mask), rate, seed);
        else fast.dropoutForward(Checks.n(x), Checks.f32(x), Checks.f32(y), Checks.f32(mask), rate, seed);
    }

    @Override public void multiply(Tensor a, Tensor b, Tensor out) {
        DType dt = check("multiply", new String[] {"a", "b", "out"}, a, b, out);
        if (dt == DType.F64) ElementwiseReference.multiply(Checks.n(a), Checks.f64(a), Checks.f64(b), Checks.f64(out));
        else fast.multiply(Checks.n(a), Checks.f32(a), Checks.f32(b), Checks.f32(out));
    }

    @Override public void addRegularizationGradient(Tensor w, Tensor g, double l1, double l2) {
        String op = "regularization gradient";
        DType dt = check(op, new String[] {"w", "g"}, w, g);
        if (dt == DType.F64) ElementwiseReference.addRegularizationGradient(Checks.n(w), Checks.f64(w), Checks.f64(g), l1, l2);
        else fast.addRegularizationGradient(Checks.n(w), Checks.f32(w), Checks.f32(g), l1, l2);
    }

    @Override public void clip(Tensor t, double lo, double hi) {
        DType dt = check("clip", new String[] {"t"}, t);
        String problem = ElementwiseOps.clipBoundsProblem(lo, hi);
        if (problem != null) throw Checks.fail("clip", problem);
        if (dt == DType.F64) ElementwiseReference.clip(Checks.n(t), Checks.f64(t), lo, hi);
        else fast.clip(Checks.n(t), Checks.f32(t), (float) lo, (float) hi);
    }
}
