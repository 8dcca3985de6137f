package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.Conv3dContract;
import io.github.convnet4j.backend.ops.Conv3dOps;
import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;
import io.github.convnet4j.tensor.Shape;
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
 * 3-D convolution in cuDNN with N-d descriptors ({@code cudnnSetConvolutionNdDescriptor} over
 * (D, H, W)), algorithms chosen as for 2-D ({@link ConvAlgorithms}). cuDNN takes one padding per
 * axis, so asymmetric padding (Keras {@code same} where the total is odd) is done as the 2-D op
 * does it: the input is zero-padded explicitly into staging memory ({@code pad_ncdhw_f32}) and cuDNN
 * runs unpadded; backward data is computed into the padded shape and cropped back.
 * Bias add and bias gradient run on the elementwise kernels through a 4-D view.
 */
final class CudnnConv3dOps implements Conv3dOps, AutoCloseable {
    private static final Pointer ONE = Pointer.to(new float[] {1f});
    private static final Pointer ZERO = Pointer.to(new float[] {0f});

    private final CudaDevice d;
    private final CudaElementwiseOps elementwise;
    private final Map<Conv3dShape, Plan> plans = new HashMap<>();

    CudnnConv3dOps(CudaDevice device, CudaElementwiseOps elementwise) {
        this.d = device;
        this.elementwise = elementwise;
    }

    /** Descriptors and algorithm choices for one shape. x is the input as cuDNN sees it (padded if asymmetric). */
    private static final class Plan implements ConvDescriptors {
        final Conv3dShape g;
        final boolean explicitPadding;
        final int paddedD, paddedH, paddedW;
        final cudnnTensorDescriptor x;
        final cudnnTensorDescriptor y;
        final cudnnFilterDescriptor w;
        final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
        ConvAlgorithms.Choice forward;
        ConvAlgorithms.Choice backwardData;
        ConvAlgorithms.Choice backwardFilter;

        Plan(CudaDevice d, Conv3dShape g) {
            this.g = g;
            Conv3dParams p = g.params();
            explicitPadding = !p.symmetricPadding();
            paddedD = explicitPadding ? g.d() + p.padFront() + p.padBack() : g.d();
            paddedH = explicitPadding ? g.h() + p.padTop() + p.padBottom() : g.h();
            paddedW = explicitPadding ? g.w() + p.padLeft() + p.padRight() : g.w();
            x = d.descriptors().tensorNd(g.n(), g.c(), paddedD, paddedH, paddedW);
            y = d.descriptors().tensorNd(g.n(), g.k(), g.od(), g.oh(), g.ow());
            w = d.descriptors().filterNd(g.k(), g.c(), g.t(), g.r(), g.s());
            CudaErrors.cudnn(JCudnn.cudnnCreateConvolutionDescriptor(conv), "cudnnCreateConvolutionDescriptor", describe(), d.label());
            CudaErrors.cudnn(JCudnn.cudnnSetConvolutionNdDescriptor(conv, 3, explicitPadding ? new int[3] : new int[] {p.padFront(), p.padTop(), p.padLeft()},
                    new int[] {p.strideD(), p.strideH(), p.strideW()}, new int[] {p.dilationD(), p.dilationH(), p.dilationW()},
                    cudnnConvolutionMode.CUDNN_CROSS_CORRELATION, cudnnDataType.CUDNN_DATA_FLOAT), "cudnnSetConvolutionNdDescriptor", describe(), d.label());
            CudaErrors.cudnn(JCudnn.cudnnSetConvolutionMathType(conv, d.tf32() ? cudnnMathType.CUDNN_DEFAULT_MATH : cudnnMathType.CUDNN_FMA_MATH),
                    "cudnnSetConvolutionMathType", describe(), d.label());
            int[] out = new int[5];
            CudaErrors.cudnn(JCudnn.cudnnGetConvolutionNdForwardOutputDim(conv, x, w, 5, out), "cudnnGetConvolutionNdForwardOutputDim", describe(), d.label());
            if (out[2] != g.od() || out[3] != g.oh() || out[4] != g.ow()) {
                throw Checks.error(d, "conv3d", "cuDNN computes output " + java.util.Arrays.toString(out) + " but Conv3dParams gives " + g.output());
            }
        }

        @Override public cudnnTensorDescriptor x() { return x; }
        @Override public cudnnTensorDescriptor y() { return y; }
        @Override public cudnnFilterDescriptor w() { return w; }
        @Override public cudnnConvolutionDescriptor conv() { return conv; }
        @Override public String describe() { return g.toString(); }

        long paddedInputFloats() { return (long) g.n() * g.c() * paddedD * paddedH * paddedW; }
    }

    private Plan plan(String op, Conv3dShape g) {
        Checks.intSize(d, op, "x " + g.input(), g.input().size());
        Checks.intSize(d, op, "y " + g.output(), g.output().size());
        return plans.computeIfAbsent(g, key -> new Plan(d, key));
    }

    /** The staging buffer, sized for the padded input of {@code plan} (x, or dx before it is cropped). */
    private CUdeviceptr staging(Plan plan, String op) {
        Checks.intSize(d, op, "padded " + plan.g.input(), plan.paddedInputFloats());
        return d.staging().ensure(plan.paddedInputFloats() * Sizeof.FLOAT);
    }

    /** The input as cuDNN sees it: x itself, or x zero-padded into the staging buffer. */
    private CUdeviceptr input(Plan plan, Tensor x, String op) {
        if (!plan.explicitPadding) return d.ptr(x, op);
        CUdeviceptr padded = staging(plan, op);
        Conv3dShape g = plan.g;
        Conv3dParams p = g.params();
        elementwise.pad3d(d.ptr(x, op), padded, (long) g.n() * g.c(), g.d(), g.h(), g.w(),
                plan.paddedD, plan.paddedH, plan.paddedW, p.padFront(), p.padTop(), p.padLeft());
        return padded;
    }

    /** {@code (N, K, OD, OH, OW)} as the 4-D {@code (N, K, OD*OH, OW)} the bias kernels take. */
    private static Tensor channels4d(Tensor t) {
        return t.reshape(Shape.of(t.dim(0), t.dim(1), t.dim(2) * t.dim(3), t.dim(4)));
    }

    @Override public void forward(Conv3dParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = Conv3dContract.FORWARD;
        Plan plan = plan(op, Conv3dContract.forward(d.label(), p, x, w, bias, y));
        d.bind();
        CUdeviceptr in = input(plan, x, op);
        if (plan.forward == null) plan.forward = ConvAlgorithms.forward(d, plan, CudnnConvOps.WORKSPACE_LIMIT);
        while (true) {
            ConvAlgorithms.Candidate c = plan.forward.current();
            CUdeviceptr ws = d.workspace().ensure(c.memory());
            int status = JCudnn.cudnnConvolutionForward(d.cudnn(), ONE, plan.x, in, plan.w, d.ptr(w, op), plan.conv, c.algo(),
                    ws, c.memory(), ZERO, plan.y, d.ptr(y, op));
            if (status == 0) break;
            if (!plan.forward.next()) CudaErrors.cudnn(status, op, plan.describe() + ", algo " + c.algo(), d.label());
        }
        if (bias != null) elementwise.addBias(channels4d(y), bias);
    }

    @Override public void backwardData(Conv3dParams p, Tensor dy, Tensor w, Tensor dx) {
        String op = Conv3dContract.BACKWARD_DATA;
        Plan plan = plan(op, Conv3dContract.backwardData(d.label(), p, dy, w, dx));
        d.bind();
        CUdeviceptr out = plan.explicitPadding ? staging(plan, op) : d.ptr(dx, op);
        if (plan.backwardData == null) plan.backwardData = ConvAlgorithms.backwardData(d, plan, CudnnConvOps.WORKSPACE_LIMIT);
        while (true) {
            ConvAlgorithms.Candidate c = plan.backwardData.current();
            CUdeviceptr ws = d.workspace().ensure(c.memory());
            int status = JCudnn.cudnnConvolutionBackwardData(d.cudnn(), ONE, plan.w, d.ptr(w, op), plan.y, d.ptr(dy, op), plan.conv, c.algo(),
                    ws, c.memory(), ZERO, plan.x, out);
            if (status == 0) break;
            if (!plan.backwardData.next()) CudaErrors.cudnn(status, op, plan.describe() + ", algo " + c.algo(), d.label());
        }
        if (plan.explicitPadding) {
            Conv3dShape g = plan.g;
            Conv3dParams q = g.params();
            elementwise.crop3d(out, d.ptr(dx, op), (long) g.n() * g.c(), g.d(), g.h(), g.w(),
                    plan.paddedD, plan.paddedH, plan.paddedW, q.padFront(), q.padTop(), q.padLeft());
        }
    }

    @Override public void backwardFilter(Conv3dParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = Conv3dContract.BACKWARD_FILTER;
        Plan plan = plan(op, Conv3dContract.backwardFilter(d.label(), p, x, dy, dw, dbias));
        d.bind();
        CUdeviceptr in = input(plan, x, op);
        if (plan.backwardFilter == null) plan.backwardFilter = ConvAlgorithms.backwardFilter(d, plan, CudnnConvOps.WORKSPACE_LIMIT);
        while (true) {
            ConvAlgorithms.Candidate c = plan.backwardFilter.current();
            CUdeviceptr ws = d.workspace().ensure(c.memory());
            int status = JCudnn.cudnnConvolutionBackwardFilter(d.cudnn(), ONE, plan.x, in, plan.y, d.ptr(dy, op), plan.conv, c.algo(),
                    ws, c.memory(), ZERO, plan.w, d.ptr(dw, op));
            if (status == 0) break;
            if (!plan.backwardFilter.next()) CudaErrors.cudnn(status, op, plan.describe() + ", algo " + c.algo(), d.label());
        }
        if (dbias != null) elementwise.biasGradient(channels4d(dy), dbias);
    }

    @Override public void close() {
        for (Plan p : plans.values()) JCudnn.cudnnDestroyConvolutionDescriptor(p.conv);
        plans.clear();
    }
}
