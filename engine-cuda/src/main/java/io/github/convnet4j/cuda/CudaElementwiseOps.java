package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.tensor.Tensor;
import jcuda.Sizeof;
import jcuda.driver.JCudaDriver;

/** {@link ElementwiseOps} with the kernels of {@code kernels/cuda/elementwise.cu} and driver memset/memcpy. */
final class CudaElementwiseOps implements ElementwiseOps {
    private static final String F = "elementwise";
    private final CudaDevice d;

    CudaElementwiseOps(CudaDevice device) { this.d = device; }

    @Override public void fill(Tensor t, double value) {
        d.bind();
        // A 32-bit memset writes any float's bit pattern, so no kernel is needed.
        int r = JCudaDriver.cuMemsetD32Async(d.ptr(t, "fill"), Float.floatToRawIntBits((float) value), t.size(), d.stream());
        CudaErrors.driver(r, "fill", t.shape().toString(), d.label());
    }

    @Override public void copy(Tensor src, Tensor dst) {
        Checks.sameSize(d, "copy", "src", src, "dst", dst);
        if (Checks.aliased(src, dst)) return;
        d.bind();
        int r = JCudaDriver.cuMemcpyDtoDAsync(d.ptr(dst, "copy"), d.ptr(src, "copy"), src.size() * Sizeof.FLOAT, d.stream());
        CudaErrors.driver(r, "copy", src.shape() + " -> " + dst.shape(), d.label());
    }

    @Override public void scale(Tensor t, double alpha) {
        d.bind();
        long n = t.size();
        d.kernels().launch(F, "scale_f32", d.kernels().gridFor(n), d.ptr(t, "scale"), (float) alpha, n);
    }

    @Override public void axpy(double alpha, Tensor x, Tensor y) {
        Checks.sameSize(d, "axpy", "x", x, "y", y);
        d.bind();
        long n = y.size();
        d.kernels().launch(F, "axpy_f32", d.kernels().gridFor(n), (float) alpha, d.ptr(x, "axpy"), d.ptr(y, "axpy"), n);
    }

    @Override public void add(Tensor a, Tensor b, Tensor out) {
        Checks.sameSize(d, "add", "a", a, "b", b);
        Checks.sameSize(d, "add", "a", a, "out", out);
        d.bind();
        long n = out.size();
        d.kernels().launch(F, "add_f32", d.kernels().gridFor(n), d.ptr(a, "add"), d.ptr(b, "add"), d.ptr(out, "add"), n);
    }

    @Override public void addBias(Tensor y, Tensor bias) {
        int channels = biasChannels("addBias", y, bias);
        d.bind();
        long n = y.size();
        long inner = n / ((long) y.dim(0) * channels);
        d.kernels().launch(F, "add_bias_f32", d.kernels().gridFor(n), d.ptr(y, "addBias"), d.ptr(bias, "addBias"), channels, inner, n);
    }

    @Override public void biasGradient(Tensor dy, Tensor dbias) {
        int channels = biasChannels("biasGradient", dy, dbias);
        d.bind();
        long inner = dy.size() / ((long) dy.dim(0) * channels);
        d.kernels().launch(F, "bias_grad_f32", channels, d.ptr(dy, "biasGradient"), d.ptr(dbias, "biasGradient"), dy.dim(0), channels, inner);
    }

    /** Checks {@code y (N, C)} or {@code (N, C, H, W)} against {@code bias (C)}; returns C. */
    private int biasChannels(String op, Tensor y, Tensor bias) {
        int rank = y.shape().rank();
        if (rank != 2 && rank != 4) throw Checks.error(d, op, "y " + y.shape() + " must be (N, C) or (N, C, H, W)");
        int c = y.dim(1);
        Checks.shape(d, op, "bias", bias, c);
        return c;
    }

    @Override public void dropoutForward(Tensor x, Tensor y, Tensor mask, double rate, int seed) {
        Checks.sameSize(d, "dropoutForward", "x", x, "y", y);
        Checks.sameSize(d, "dropoutForward", "x", x, "mask", mask);
        if (!(rate >= 0 && rate < 1)) throw Checks.error(d, "dropoutForward", "rate " + rate + " is not in [0, 1)");
        d.bind();
        long n = x.size();
        Checks.intSize(d, "dropoutForward", "x", n);  // DropoutHash indexes elements with a Java int
        // u = (h >>> 8) * 2^-24 >= rate  <=>  (h >>> 8) >= ceil(rate * 2^24): exact, no float rounding of rate.
        long threshold = (long) Math.ceil(rate * 16777216.0);
        float scale = (float) (1.0 / (1.0 - rate));
        d.kernels().launch(F, "dropout_forward_f32", d.kernels().gridFor(n), d.ptr(x, "dropoutForward"), d.ptr(y, "dropoutForward"),
                d.ptr(mask, "dropoutForward"), (int) threshold, scale, seed, n);
    }

    @Override public void multiply(Tensor a, Tensor b, Tensor out) {
        Checks.sameSize(d, "multiply", "a", a, "b", b);
        Checks.sameSize(d, "multiply", "a", a, "out", out);
        d.bind();
        long n = out.size();
        d.kernels().launch(F, "multiply_f32", d.kernels().gridFor(n), d.ptr(a, "multiply"), d.ptr(b, "multiply"), d.ptr(out, "multiply"), n);
    }

    @Override public void addRegularizationGradient(Tensor w, Tensor g, double l1, double l2) {
        Checks.sameSize(d, "addRegularizationGradient", "w", w, "g", g);
        if (l1 == 0 && l2 == 0) return;
        d.bind();
        long n = w.size();
        d.kernels().launch(F, "regularization_grad_f32", d.kernels().gridFor(n), d.ptr(w, "addRegularizationGradient"),
                d.ptr(g, "addRegularizationGradient"), (float) l1, (float) (2 * l2), n);
    }

    @Override public void clip(Tensor t, double lo, double hi) {
        String problem = ElementwiseOps.clipBoundsProblem(lo, hi);
        if (problem != null) throw Checks.error(d, "clip", problem);
        d.bind();
        long n = t.size();
        d.kernels().launch(F, "clip_f32", d.kernels().gridFor(n), d.ptr(t, "clip"), (float) lo, (float) hi, n);
    }

    /** Zero padding of {@code src (N, C, H, W)} into {@code dst (N, C, H+top+bottom, W+left+right)} (raw pointers: staging memory). */
    void pad(jcuda.driver.CUdeviceptr src, jcuda.driver.CUdeviceptr dst, long planes, int h, int w, int hp, int wp, int top, int left) {
        d.kernels().launch("pad", "pad_nchw_f32", d.kernels().gridFor(planes * hp * wp), src, dst, planes, h, w, hp, wp, top, left);
    }

    /** The inverse window of {@link #pad}: {@code dst (planes, h, w)} from padded {@code src}. */
    void crop(jcuda.driver.CUdeviceptr src, jcuda.driver.CUdeviceptr dst, long planes, int h, int w, int hp, int wp, int top, int left) {
        d.kernels().launch("pad", "crop_nchw_f32", d.kernels().gridFor(planes * h * w), src, dst, planes, h, w, hp, wp, top, left);
    }

    /** The 3-D {@link #pad}: {@code dst (planes, dp, hp, wp)} holds {@code src (planes, depth, h, w)} at (front, top, left), zeros elsewhere. */
    void pad3d(jcuda.driver.CUdeviceptr src, jcuda.driver.CUdeviceptr dst, long planes, int depth, int h, int w,
               int dp, int hp, int wp, int front, int top, int left) {
        d.kernels().launch("pad", "pad_ncdhw_f32", d.kernels().gridFor(planes * dp * hp * wp), src, dst, planes, depth, h, w, dp, hp, wp, front, top, left);
    }

    /** The inverse window of {@link #pad3d}: {@code dst (planes, depth, h, w)} from padded {@code src}. */
    void crop3d(jcuda.driver.CUdeviceptr src, jcuda.driver.CUdeviceptr dst, long planes, int depth, int h, int w,
                int dp, int hp, int wp, int front, int top, int left) {
        d.kernels().launch("pad", "crop_ncdhw_f32", d.kernels().gridFor(planes * depth * h * w), src, dst, planes, depth, h, w, dp, hp, wp, front, top, left);
    }
}
