package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvContract;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.ConvShape;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;

/**
 * Checks shapes, then runs {@link ConvReference} for F64, or {@link ConvImplicit} (implicit GEMM)
 * for F32, except the forward pass of convolutions with a short reduction (first layers: C*R*S
 * below {@link #SMALL_REDUCTION}), where im2col is cheap and {@link ConvFast}'s GEMM writes
 * (N, K, P, Q) directly while the implicit GEMM would transpose every output (measured 1.3 against
 * 1.9 ms on keras-mnist's first layer), unless the output tiles {@link ConvRows}, which transposes
 * nothing (vgg-small's first layer: 3.8 against 4.8 CPU-ms). {@code -Dconvnet.cpu.conv=im2col} runs
 * ConvFast everywhere, for comparisons.
 *
 * <p>ReLU fuses ({@link #fusesActivation}): the forward pass applies it with the bias where the
 * output is written, and the backward passes apply its mask {@code y > 0} where they copy dy (the
 * zero-bordered copy of the full convolution, the packing of the filter gradient), or into one
 * masked copy first on the other paths; the results are those of the separate ops, bit for bit.
 */
final class CpuConvOps implements ConvOps {
    private final ConvFast fast;
    private final ConvImplicit implicit;
    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final ReluKernel relu = ReluKernel.best();
    /** Forward passes with fewer filter taps than this run {@link ConvFast}. */
    static final int SMALL_REDUCTION = 32;

    private final boolean im2colOnly = "im2col".equals(System.getProperty("convnet.cpu.conv"));

    CpuConvOps(CpuThreads threads, Workspaces workspaces, Sgemm sgemm) {
        this.threads = threads;
        this.workspaces = workspaces;
        this.fast = new ConvFast(threads, workspaces, sgemm);
        this.implicit = new ConvImplicit(threads, workspaces);
    }

    /** The fused ops' names, made once: they run every training step. */
    private static final String FORWARD_RELU = ConvContract.fused(ConvContract.FORWARD, Activation.RELU);
    private static final String BACKWARD_DATA_RELU = ConvContract.fused(ConvContract.BACKWARD_DATA, Activation.RELU);
    private static final String BACKWARD_FILTER_RELU = ConvContract.fused(ConvContract.BACKWARD_FILTER, Activation.RELU);

    /** The ReLU: its derivative is read off the output ({@code y > 0} exactly where {@code z > 0}). */
    @Override public boolean fusesActivation(Activation a) {
        return a != null && a.kind() == Activation.Kind.RELU;
    }

    @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        forward(ConvContract.FORWARD, p, x, w, bias, false, y);
    }

    @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Activation a, Tensor y) {
        String op = a == null || a.kind() != Activation.Kind.RELU ? ConvContract.fused(ConvContract.FORWARD, a) : FORWARD_RELU;
        requireFused(op, a);
        forward(op, p, x, w, bias, true, y);
    }

    private void forward(String op, ConvParams p, Tensor x, Tensor w, Tensor bias, boolean relu, Tensor y) {
        ConvGeometry g = ConvGeometry.of(ConvContract.forward(Checks.DEVICE, op, p, x, w, bias, y));
        DType dt = Checks.dtype(op, "x, w, bias, y", x, w, bias, y);
        if (dt == DType.F64) {
            double[] out = Checks.f64(y);
            ConvReference.forward(g, Checks.f64(x), Checks.f64(w), bias == null ? null : Checks.f64(bias), out);
            int size = (int) y.size();
            if (relu) ActivationReference.forward(Activation.RELU, out, out, size, size);
        } else {
            float[] b = bias == null ? null : Checks.f32(bias);
            if (im2colOnly || (g.crs() < SMALL_REDUCTION && !implicit.rowsApply(g))) fast.forward(g, Checks.f32(x), Checks.f32(w), b, relu, Checks.f32(y));
            else implicit.forward(g, Checks.f32(x), Checks.f32(w), b, relu, Checks.f32(y));
        }
    }

    @Override public void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        backwardData(ConvContract.BACKWARD_DATA, p, dy, null, w, dx);
    }

    @Override public void backwardData(ConvParams p, Tensor dy, Activation a, Tensor y, Tensor w, Tensor dx) {
        String op = a == null || a.kind() != Activation.Kind.RELU ? ConvContract.fused(ConvContract.BACKWARD_DATA, a) : BACKWARD_DATA_RELU;
        requireFused(op, a);
        backwardData(op, p, dy, y, w, dx);
    }

    /** Backward data of dy, masked by {@code reluOutput > 0} when reluOutput is not null. */
    private void backwardData(String op, ConvParams p, Tensor dy, Tensor reluOutput, Tensor w, Tensor dx) {
        ConvShape shape = ConvContract.backwardData(Checks.DEVICE, op, p, dy, w, dx);
        if (reluOutput != null) ConvContract.fusedOutput(Checks.DEVICE, op, shape, reluOutput, "dx", dx);
        ConvGeometry g = ConvGeometry.of(shape);
        DType dt = Checks.dtype(op, "dy, y, w, dx", dy, reluOutput, w, dx);
        if (dt == DType.F64) {
            double[] grad = reluOutput == null ? Checks.f64(dy) : maskedReference(Checks.f64(dy), Checks.f64(reluOutput), (int) dy.size());
            ConvReference.backwardData(g, grad, Checks.f64(w), Checks.f64(dx));
        } else {
            float[] mask = reluOutput == null ? null : Checks.f32(reluOutput);
            if (im2colOnly) {
                float[] grad = mask == null ? Checks.f32(dy) : ConvImplicit.masked(threads, workspaces, relu, Checks.f32(dy), mask, (int) dy.size());
                fast.backwardData(g, grad, Checks.f32(w), Checks.f32(dx));
            } else {
                implicit.backwardData(g, Checks.f32(dy), mask, Checks.f32(w), Checks.f32(dx));
            }
        }
    }

    @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        backwardFilter(ConvContract.BACKWARD_FILTER, p, x, dy, null, dw, dbias);
    }

    @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Activation a, Tensor y, Tensor dw, Tensor dbias) {
        String op = a == null || a.kind() != Activation.Kind.RELU ? ConvContract.fused(ConvContract.BACKWARD_FILTER, a) : BACKWARD_FILTER_RELU;
        requireFused(op, a);
        backwardFilter(op, p, x, dy, y, dw, dbias);
    }

    /** Backward filter of dy, masked by {@code reluOutput > 0} when reluOutput is not null. */
    private void backwardFilter(String op, ConvParams p, Tensor x, Tensor dy, Tensor reluOutput, Tensor dw, Tensor dbias) {
        ConvShape shape = ConvContract.backwardFilter(Checks.DEVICE, op, p, x, dy, dw, dbias);
        if (reluOutput != null) ConvContract.fusedOutput(Checks.DEVICE, op, shape, reluOutput, "dw", dw);
        ConvGeometry g = ConvGeometry.of(shape);
        DType dt = Checks.dtype(op, "x, dy, y, dw, dbias", x, dy, reluOutput, dw, dbias);
        if (dt == DType.F64) {
            double[] grad = reluOutput == null ? Checks.f64(dy) : maskedReference(Checks.f64(dy), Checks.f64(reluOutput), (int) dy.size());
            ConvReference.backwardFilter(g, Checks.f64(x), grad, Checks.f64(dw), dbias == null ? null : Checks.f64(dbias));
        } else {
            float[] db = dbias == null ? null : Checks.f32(dbias);
            float[] mask = reluOutput == null ? null : Checks.f32(reluOutput);
            if (im2colOnly) {
                float[] grad = mask == null ? Checks.f32(dy) : ConvImplicit.masked(threads, workspaces, relu, Checks.f32(dy), mask, (int) dy.size());
                fast.backwardFilter(g, Checks.f32(x), grad, Checks.f32(dw), db);
            } else {
                implicit.backwardFilter(g, Checks.f32(x), Checks.f32(dy), mask, Checks.f32(dw), db);
            }
        }
    }

    private void requireFused(String op, Activation a) {
        if (a == null || !fusesActivation(a)) {
            throw new IllegalArgumentException(op + ": the cpu backend fuses only relu into convolutions, got " + (a == null ? "null" : a.keyword()));
        }
    }

    /**
     * The reference path's masked gradient, {@code y > 0 ? dy : 0}, of the first {@code n} values
     * (either array may be a larger buffer the tensor is a view of; F64 runs only in tests: a fresh array is fine).
     */
    private static double[] maskedReference(double[] dy, double[] y, int n) {
        double[] dz = new double[n];
        ActivationReference.backward(Activation.RELU, y, y, dy, dz, n, n);
        return dz;
    }
}
