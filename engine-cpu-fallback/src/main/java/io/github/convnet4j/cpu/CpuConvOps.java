package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/**
 * Checks shapes, then runs {@link ConvReference} for F64, or {@link ConvImplicit} (implicit GEMM)
 * for F32, except the forward pass of convolutions with a short reduction (first layers: C*R*S
 * below {@link #SMALL_REDUCTION}), where im2col is cheap and {@link ConvFast}'s GEMM writes
 * (N, K, P, Q) directly while the implicit GEMM would transpose every output (measured 1.3 against
 * 1.9 ms on keras-mnist's first layer). {@code -Dconvnet.cpu.conv=im2col} runs ConvFast everywhere,
 * for comparisons.
 */
final class CpuConvOps implements ConvOps {
    private final ConvFast fast;
    private final ConvImplicit implicit;
    /** Forward passes with fewer filter taps than this run {@link ConvFast}. */
    static final int SMALL_REDUCTION = 32;

    private final boolean im2colOnly = "im2col".equals(System.getProperty("convnet.cpu.conv"));

    CpuConvOps(CpuThreads threads, Workspaces workspaces, Sgemm sgemm) {
        this.fast = new ConvFast(threads, workspaces, sgemm);
        this.implicit = new ConvImplicit(threads, workspaces);
    }

    @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = "conv forward";
        Checks.notNull(op, "x", x);
        Checks.notNull(op, "w", w);
        Checks.notNull(op, "y", y);
        DType dt = Checks.dtype(op, new String[] {"x", "w", "bias", "y"}, x, w, bias, y);
        ConvGeometry g = ConvGeometry.of(op, p, "x", x, "w", w);
        Checks.shape(op, "y", y, g.outputShape(), "N, K, P, Q for x " + x.shape() + " and w " + w.shape());
        if (bias != null) Checks.vector(op, "bias", bias, g.k(), "one per filter of w " + w.shape());
        Checks.distinct(op, "y", y, "x", x);
        Checks.distinct(op, "y", y, "w", w);
        if (dt == DType.F64) {
            ConvReference.forward(g, Checks.f64(x), Checks.f64(w), bias == null ? null : Checks.f64(bias), Checks.f64(y));
        } else {
            float[] b = bias == null ? null : Checks.f32(bias);
            if (im2colOnly || g.crs() < SMALL_REDUCTION) fast.forward(g, Checks.f32(x), Checks.f32(w), b, Checks.f32(y));
            else implicit.forward(g, Checks.f32(x), Checks.f32(w), b, Checks.f32(y));
        }
    }

    @Override public void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        String op = "conv backward data";
        Checks.notNull(op, "dy", dy);
        Checks.notNull(op, "w", w);
        Checks.notNull(op, "dx", dx);
        DType dt = Checks.dtype(op, new String[] {"dy", "w", "dx"}, dy, w, dx);
        ConvGeometry g = ConvGeometry.of(op, p, "dx", dx, "w", w);
        Checks.shape(op, "dy", dy, g.outputShape(), "N, K, P, Q for dx " + dx.shape() + " and w " + w.shape());
        Checks.distinct(op, "dx", dx, "dy", dy);
        Checks.distinct(op, "dx", dx, "w", w);
        if (dt == DType.F64) {
            ConvReference.backwardData(g, Checks.f64(dy), Checks.f64(w), Checks.f64(dx));
        } else {
            if (im2colOnly) fast.backwardData(g, Checks.f32(dy), Checks.f32(w), Checks.f32(dx));
            else implicit.backwardData(g, Checks.f32(dy), Checks.f32(w), Checks.f32(dx));
        }
    }

    @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = "conv backward filter";
        Checks.notNull(op, "x", x);
        Checks.notNull(op, "dy", dy);
        Checks.notNull(op, "dw", dw);
        DType dt = Checks.dtype(op, new String[] {"x", "dy", "dw", "dbias"}, x, dy, dw, dbias);
        ConvGeometry g = ConvGeometry.of(op, p, "x", x, "dw", dw);
        Checks.shape(op, "dy", dy, g.outputShape(), "N, K, P, Q for x " + x.shape() + " and dw " + dw.shape());
        if (dbias != null) Checks.vector(op, "dbias", dbias, g.k(), "one per filter of dw " + dw.shape());
        Checks.distinct(op, "dw", dw, "x", x);
        Checks.distinct(op, "dw", dw, "dy", dy);
        if (dt == DType.F64) {
            ConvReference.backwardFilter(g, Checks.f64(x), Checks.f64(dy), Checks.f64(dw), dbias == null ? null : Checks.f64(dbias));
        } else {
            float[] db = dbias == null ? null : Checks.f32(dbias);
            if (im2colOnly) {
                fast.backwardFilter(g, Checks.f32(x), Checks.f32(dy), Checks.f32(dw), db);
            } else {
                implicit.backwardFilter(g, Checks.f32(x), Checks.f32(dy), Checks.f32(dw), db);
            }
        }
    }
}
