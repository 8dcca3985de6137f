package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.DepthwiseConvContract;
import io.github.convnet4j.backend.ops.DepthwiseConvOps;
import io.github.convnet4j.backend.ops.DepthwiseShape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Depthwise convolution as a cuDNN grouped convolution with one group per input channel
 * ({@code cudnnSetConvolutionGroupCount(C)}), filters {@code (C*M, 1, R, S)}: PyTorch's
 * {@code groups=C}. Plans, algorithm choice, asymmetric padding and bias come from
 * {@link CudnnConvOps}, so the two share one cache and one workspace.
 */
final class CudnnDepthwiseConvOps implements DepthwiseConvOps {
    private final CudaDevice d;
    private final CudnnConvOps conv;

    CudnnDepthwiseConvOps(CudaDevice device, CudnnConvOps conv) {
        this.d = device;
        this.conv = conv;
    }

    private CudnnConvOps.Plan plan(String op, DepthwiseShape g) {
        return conv.plan(op, g.params(), g.n(), g.c(), g.h(), g.w(), g.k(), g.r(), g.s(), g.p(), g.q(), g.c());
    }

    @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = DepthwiseConvContract.FORWARD;
        conv.run(op, plan(op, DepthwiseConvContract.forward(d.label(), p, x, w, bias, y)), x, w, bias, y);
    }

    @Override public void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        String op = DepthwiseConvContract.BACKWARD_DATA;
        conv.runBackwardData(op, plan(op, DepthwiseConvContract.backwardData(d.label(), p, dy, w, dx)), dy, w, dx);
    }

    @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = DepthwiseConvContract.BACKWARD_FILTER;
        conv.runBackwardFilter(op, plan(op, DepthwiseConvContract.backwardFilter(d.label(), p, x, dy, dw, dbias)), x, dy, dw, dbias);
    }
}
