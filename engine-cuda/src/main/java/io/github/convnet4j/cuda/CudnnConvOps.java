package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.ConvContract;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.ConvShape;
import io.github.convnet4j.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionMode;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnMathType;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * Convolution in cuDNN. Descriptors and algorithm choices are cached per shape ({@link Plan}).
 * cuDNN takes one padding per axis, so asymmetric padding (Keras {@code same} with an even
 * kernel) is done by padding the input explicitly ({@code pad.cu}) into the staging buffer and
 * convolving without padding; backward data then crops the padded gradient. Bias add and bias
 * gradient use the elementwise kernels. Math is FMA only unless TF32 was asked for.
 */
final class CudnnConvOps implements ConvOps, AutoCloseable {
    private static final Pointer ONE = Pointer.to(new float[] {1f});
    private static final Pointer ZERO = Pointer.to(new float[] {0f});
    /** Workspace limit for algorithm choice, in MiB (system property {@code convnet.cuda.workspaceMiB}). */
    static final long WORKSPACE_LIMIT = Long.getLong("convnet.cuda.workspaceMiB", 256L) << 20;

    private final CudaDevice d;
    private final CudaElementwiseOps elementwise;
    private final Map<Key, Plan> plans = new HashMap<>();

    CudnnConvOps(CudaDevice device, CudaElementwiseOps elementwise) {
        this.d = device;
        this.elementwise = elementwise;
    }

    /** What a plan depends on: input and filter dimensions, the geometry, and the group count (C for depthwise). */
    private record Key(int n, int c, int h, int w, int k, int r, int s, ConvParams p, int groups) {}

    /** Descriptors and algorithm choices for one shape. x is the input as cuDNN sees it (padded if asymmetric). */
    static final class Plan implements ConvDescriptors {
        final Key key;
        final int outH;
        final int outW;
        final boolean explicitPadding;
        final int paddedH;
        final int paddedW;
        final cudnnTensorDescriptor x;
        final cudnnTensorDescriptor y;
        final cudnnFilterDescriptor w;
        final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
        ConvAlgorithms.Choice forward;
        ConvAlgorithms.Choice backwardData;
        ConvAlgorithms.Choice backwardFilter;

        private Plan(CudaDevice d, Key key, int outH, int outW) {
            this.key = key;
            this.outH = outH;
            this.outW = outW;
            ConvParams p = key.p;
            this.explicitPadding = !p.symmetricPadding();
            this.paddedH = explicitPadding ? key.h + p.padTop() + p.padBottom() : key.h;
            this.paddedW = explicitPadding ? key.w + p.padLeft() + p.padRight() : key.w;
            this.x = d.descriptors().tensor(key.n, key.c, paddedH, paddedW);
            this.y = d.descriptors().tensor(key.n, key.k, outH, outW);
            this.w = d.descriptors().filter(key.k, key.c / key.groups, key.r, key.s);
            CudaErrors.cudnn(JCudnn.cudnnCreateConvolutionDescriptor(conv), "cudnnCreateConvolutionDescriptor", describe(), d.label());
            if (key.groups > 1) {
                CudaErrors.cudnn(JCudnn.cudnnSetConvolutionGroupCount(conv, key.groups), "cudnnSetConvolutionGroupCount", describe(), d.label());
            }
            int padH = explicitPadding ? 0 : p.padTop();
            int padW = explicitPadding ? 0 : p.padLeft();
            CudaErrors.cudnn(JCudnn.cudnnSetConvolution2dDescriptor(conv, padH, padW, p.strideH(), p.strideW(), p.dilationH(), p.dilationW(),
                    cudnnConvolutionMode.CUDNN_CROSS_CORRELATION, cudnnDataType.CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor", describe(), d.label());
            // DEFAULT lets cuDNN use TF32 tensor cores on Ampere and newer; FMA keeps full F32.
            CudaErrors.cudnn(JCudnn.cudnnSetConvolutionMathType(conv, d.tf32() ? cudnnMathType.CUDNN_DEFAULT_MATH : cudnnMathType.CUDNN_FMA_MATH),
                    "cudnnSetConvolutionMathType", describe(), d.label());
            int[] n = new int[1], c = new int[1], h = new int[1], wd = new int[1];
            CudaErrors.cudnn(JCudnn.cudnnGetConvolution2dForwardOutputDim(conv, x, w, n, c, h, wd), "cudnnGetConvolution2dForwardOutputDim", describe(), d.label());
            if (n[0] != key.n || c[0] != key.k || h[0] != outH || wd[0] != outW) {
                throw Checks.error(d, "conv", "cuDNN computes output (" + n[0] + ", " + c[0] + ", " + h[0] + ", " + wd[0] + ") but ConvParams gives ("
                        + key.n + ", " + key.k + ", " + outH + ", " + outW + ") for " + describe());
            }
        }

        @Override public cudnnTensorDescriptor x() { return x; }
        @Override public cudnnTensorDescriptor y() { return y; }
        @Override public cudnnFilterDescriptor w() { return w; }
        @Override public cudnnConvolutionDescriptor conv() { return conv; }

        long paddedInputFloats() { return (long) key.n * key.c * paddedH * paddedW; }

        @Override public String describe() {
            return "x (" + key.n + ", " + key.c + ", " + key.h + ", " + key.w + "), w (" + key.k + ", " + key.c / key.groups + ", " + key.r + ", " + key.s
                    + "), y (" + key.n + ", " + key.k + ", " + outH + ", " + outW + "), " + key.p + (key.groups > 1 ? ", groups " + key.groups : "");
        }

        void destroy() { JCudnn.cudnnDestroyConvolutionDescriptor(conv); }
    }

    /** The cached plan for a geometry {@link ConvContract} has checked (which includes that outputs do not alias inputs). */
    private Plan plan(String op, ConvShape g) {
        return plan(op, g.params(), g.n(), g.c(), g.h(), g.w(), g.k(), g.r(), g.s(), g.p(), g.q(), 1);
    }

    /** The cached plan of a grouped convolution: x (n, c, h, w), filters (k, c/groups, r, s), y (n, k, p, q), already checked. */
    Plan plan(String op, ConvParams params, int n, int c, int h, int w, int k, int r, int s, int p, int q, int groups) {
        Checks.intSize(d, op, "x (" + n + ", " + c + ", " + h + ", " + w + ")", (long) n * c * h * w);
        Checks.intSize(d, op, "y (" + n + ", " + k + ", " + p + ", " + q + ")", (long) n * k * p * q);
        Key key = new Key(n, c, h, w, k, r, s, params, groups);
        Plan plan = plans.get(key);
        if (plan == null) {
            plan = new Plan(d, key, p, q);
            plans.put(key, plan);
        }
        return plan;
    }

    /** The input as cuDNN sees it: x itself, or x zero-padded into the staging buffer. */
    private CUdeviceptr input(Plan plan, Tensor x, String op) {
        if (!plan.explicitPadding) return d.ptr(x, op);
        CUdeviceptr padded = d.staging().ensure(plan.paddedInputFloats() * Sizeof.FLOAT);
        ConvParams p = plan.key.p;
        elementwise.pad(d.ptr(x, op), padded, (long) plan.key.n * plan.key.c, plan.key.h, plan.key.w,
                plan.paddedH, plan.paddedW, p.padTop(), p.padLeft());
        return padded;
    }

    @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = ConvContract.FORWARD;
        run(op, plan(op, ConvContract.forward(d.label(), op, p, x, w, bias, y)), x, w, bias, y);
    }

    /** Runs a checked forward pass on its plan. */
    void run(String op, Plan plan, Tensor x, Tensor w, Tensor bias, Tensor y) {
        d.bind();
        CUdeviceptr in = input(plan, x, op);
        if (plan.forward == null) plan.forward = ConvAlgorithms.forward(d, plan, WORKSPACE_LIMIT);
        while (true) {
            ConvAlgorithms.Candidate c = plan.forward.current();
            CUdeviceptr ws = d.workspace().ensure(c.memory());
            int status = JCudnn.cudnnConvolutionForward(d.cudnn(), ONE, plan.x, in, plan.w, d.ptr(w, op), plan.conv, c.algo(),
                    ws, c.memory(), ZERO, plan.y, d.ptr(y, op));
            if (status == 0) break;
            if (!plan.forward.next()) CudaErrors.cudnn(status, op, plan.describe() + ", algo " + c.algo(), d.label());
        }
        if (bias != null) elementwise.addBias(y, bias);
    }

    @Override public void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        String op = ConvContract.BACKWARD_DATA;
        runBackwardData(op, plan(op, ConvContract.backwardData(d.label(), op, p, dy, w, dx)), dy, w, dx);
    }

    /** Runs a checked backward-data pass on its plan. */
    void runBackwardData(String op, Plan plan, Tensor dy, Tensor w, Tensor dx) {
        ConvParams p = plan.key.p;
        d.bind();
        CUdeviceptr out = plan.explicitPadding ? d.staging().ensure(plan.paddedInputFloats() * Sizeof.FLOAT) : d.ptr(dx, op);
        if (plan.backwardData == null) plan.backwardData = ConvAlgorithms.backwardData(d, plan, WORKSPACE_LIMIT);
        while (true) {
            ConvAlgorithms.Candidate c = plan.backwardData.current();
            CUdeviceptr ws = d.workspace().ensure(c.memory());
            int status = JCudnn.cudnnConvolutionBackwardData(d.cudnn(), ONE, plan.w, d.ptr(w, op), plan.y, d.ptr(dy, op), plan.conv, c.algo(),
                    ws, c.memory(), ZERO, plan.x, out);
            if (status == 0) break;
            if (!plan.backwardData.next()) CudaErrors.cudnn(status, op, plan.describe() + ", algo " + c.algo(), d.label());
        }
        if (plan.explicitPadding) {
            elementwise.crop(out, d.ptr(dx, op), (long) plan.key.n * plan.key.c, plan.key.h, plan.key.w,
                    plan.paddedH, plan.paddedW, p.padTop(), p.padLeft());
        }
    }

    @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = ConvContract.BACKWARD_FILTER;
        runBackwardFilter(op, plan(op, ConvContract.backwardFilter(d.label(), op, p, x, dy, dw, dbias)), x, dy, dw, dbias);
    }

    /** Runs a checked backward-filter pass on its plan. */
    void runBackwardFilter(String op, Plan plan, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        d.bind();
        CUdeviceptr in = input(plan, x, op);
        if (plan.backwardFilter == null) plan.backwardFilter = ConvAlgorithms.backwardFilter(d, plan, WORKSPACE_LIMIT);
        while (true) {
            ConvAlgorithms.Candidate c = plan.backwardFilter.current();
            CUdeviceptr ws = d.workspace().ensure(c.memory());
            int status = JCudnn.cudnnConvolutionBackwardFilter(d.cudnn(), ONE, plan.x, in, plan.y, d.ptr(dy, op), plan.conv, c.algo(),
                    ws, c.memory(), ZERO, plan.w, d.ptr(dw, op));
            if (status == 0) break;
            if (!plan.backwardFilter.next()) CudaErrors.cudnn(status, op, plan.describe() + ", algo " + c.algo(), d.label());
        }
        if (dbias != null) elementwise.biasGradient(dy, dbias);
    }

    /** The algorithms chosen so far, for logs and the GPU test report. */
    String chosenAlgorithms() {
        StringBuilder b = new StringBuilder();
        for (Plan p : plans.values()) {
            b.append(p.describe()).append(": forward ").append(p.forward).append(", backward data ").append(p.backwardData)
                    .append(", backward filter ").append(p.backwardFilter).append('\n');
        }
        return b.toString();
    }

    @Override public void close() {
        for (Plan p : plans.values()) p.destroy();
        plans.clear();
    }
}
