package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnNanPropagation;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnPoolingMode;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * Pooling. cuDNN (MAX, AVERAGE_COUNT_EXCLUDE_PADDING) runs the forward passes and the average
 * backward when the padding is symmetric, the only padding a cuDNN pooling descriptor expresses.
 * {@code pool.cu} runs everything else: asymmetric padding, and max-pool backward always, because
 * the SPI routes a window's gradient to the first maximum in row-major order and cuDNN documents
 * no tie rule. {@code -Dconvnet.cuda.pool=kernels} ({@link CudaBackendProvider#POOL_PROPERTY}) sends
 * every case to {@code pool.cu}.
 */
final class CudaPoolOps implements PoolOps, AutoCloseable {
    private static final Pointer ONE = Pointer.to(new float[] {1f});
    private static final Pointer ZERO = Pointer.to(new float[] {0f});

    private final CudaDevice d;
    private final boolean preferCudnn;
    private final Map<PoolParams, cudnnPoolingDescriptor> descriptors = new HashMap<>();

    /** @param preferCudnn false runs every case in {@code pool.cu} (the GPU tests compare both paths) */
    CudaPoolOps(CudaDevice device, boolean preferCudnn) {
        this.d = device;
        this.preferCudnn = preferCudnn;
    }

    /** Checked geometry of one call. */
    private record Geometry(int n, int c, int h, int w, int p, int q) {
        long planes() { return (long) n * c; }
    }

    private Geometry geometry(String op, PoolParams p, Tensor x, Tensor y) {
        Checks.rank(d, op, "x", x, 4);
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int ph = p.outputHeight(h), qw = p.outputWidth(w);
        if (ph < 1 || qw < 1) {
            throw Checks.error(d, op, "x " + x.shape() + " is smaller than the " + p.windowH() + "x" + p.windowW() + " window");
        }
        Checks.shape(d, op, "y", y, n, c, ph, qw);
        Checks.intSize(d, op, "x " + x.shape(), x.size());
        return new Geometry(n, c, h, w, ph, qw);
    }

    /** Whether cuDNN runs the cases it can express (else {@code pool.cu} runs all). */
    boolean usesCudnn() { return preferCudnn; }

    private boolean useCudnn(PoolParams p) {
        return preferCudnn && p.padTop() == p.padBottom() && p.padLeft() == p.padRight();
    }

    @Override public void forward(PoolParams p, Tensor x, Tensor y) {
        String op = "pool.forward " + p.mode();
        Geometry g = geometry(op, p, x, y);
        d.bind();
        if (useCudnn(p)) {
            cudnnTensorDescriptor xd = d.descriptors().tensor(g.n, g.c, g.h, g.w);
            cudnnTensorDescriptor yd = d.descriptors().tensor(g.n, g.c, g.p, g.q);
            CudaErrors.cudnn(JCudnn.cudnnPoolingForward(d.cudnn(), descriptor(p), ONE, xd, d.ptr(x, op), ZERO, yd, d.ptr(y, op)),
                    op, "x " + x.shape() + ", " + p, d.label());
            return;
        }
        String kernel = p.mode() == PoolParams.Mode.MAX ? "maxpool_forward_f32" : "avgpool_forward_f32";
        d.kernels().launch("pool", kernel, d.kernels().gridFor(g.planes() * g.p * g.q), d.ptr(x, op), d.ptr(y, op),
                g.planes(), g.h, g.w, g.p, g.q, p.windowH(), p.windowW(), p.strideH(), p.strideW(), p.padTop(), p.padLeft());
    }

    @Override public void backward(PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = "pool.backward " + p.mode();
        Geometry g = geometry(op, p, x, y);
        Checks.shape(d, op, "dy", dy, g.n, g.c, g.p, g.q);
        Checks.shape(d, op, "dx", dx, g.n, g.c, g.h, g.w);
        d.bind();
        long inputs = g.planes() * g.h * g.w;
        if (p.mode() == PoolParams.Mode.MAX) {
            d.kernels().launch("pool", "maxpool_backward_f32", d.kernels().gridFor(inputs), d.ptr(x, op), d.ptr(dy, op), d.ptr(dx, op),
                    g.planes(), g.h, g.w, g.p, g.q, p.windowH(), p.windowW(), p.strideH(), p.strideW(), p.padTop(), p.padLeft());
        } else if (useCudnn(p)) {
            cudnnTensorDescriptor xd = d.descriptors().tensor(g.n, g.c, g.h, g.w);
            cudnnTensorDescriptor yd = d.descriptors().tensor(g.n, g.c, g.p, g.q);
            CudaErrors.cudnn(JCudnn.cudnnPoolingBackward(d.cudnn(), descriptor(p), ONE, yd, d.ptr(y, op), yd, d.ptr(dy, op),
                    xd, d.ptr(x, op), ZERO, xd, d.ptr(dx, op)), op, "x " + x.shape() + ", " + p, d.label());
        } else {
            d.kernels().launch("pool", "avgpool_backward_f32", d.kernels().gridFor(inputs), d.ptr(dy, op), d.ptr(dx, op),
                    g.planes(), g.h, g.w, g.p, g.q, p.windowH(), p.windowW(), p.strideH(), p.strideW(), p.padTop(), p.padLeft());
        }
    }

    private cudnnPoolingDescriptor descriptor(PoolParams p) {
        cudnnPoolingDescriptor desc = descriptors.get(p);
        if (desc != null) return desc;
        desc = new cudnnPoolingDescriptor();
        CudaErrors.cudnn(JCudnn.cudnnCreatePoolingDescriptor(desc), "cudnnCreatePoolingDescriptor", p.toString(), d.label());
        int mode = p.mode() == PoolParams.Mode.MAX ? cudnnPoolingMode.CUDNN_POOLING_MAX
                : cudnnPoolingMode.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING;
        int status = JCudnn.cudnnSetPooling2dDescriptor(desc, mode, cudnnNanPropagation.CUDNN_PROPAGATE_NAN,
                p.windowH(), p.windowW(), p.padTop(), p.padLeft(), p.strideH(), p.strideW());
        if (status != 0) {
            JCudnn.cudnnDestroyPoolingDescriptor(desc);
            CudaErrors.cudnn(status, "cudnnSetPooling2dDescriptor", p.toString(), d.label());
        }
        descriptors.put(p, desc);
        return desc;
    }

    @Override public void close() {
        for (cudnnPoolingDescriptor desc : descriptors.values()) JCudnn.cudnnDestroyPoolingDescriptor(desc);
        descriptors.clear();
    }
}
