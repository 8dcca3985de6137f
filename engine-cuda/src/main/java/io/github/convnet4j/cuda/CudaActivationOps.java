package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnActivationMode;
import jcuda.jcudnn.cudnnNanPropagation;
import jcuda.jcudnn.cudnnSoftmaxAlgorithm;
import jcuda.jcudnn.cudnnSoftmaxMode;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * Activations: ReLU, sigmoid, tanh and ELU through cuDNN (which allows in-place calls with equal
 * descriptors), leaky ReLU and swish through {@code activation.cu}, softmax through cuDNN's
 * accurate instance-mode softmax on the {@code (N, F, 1, 1)} view. cuDNN's softmax is given
 * distinct input and output memory: an aliased call goes through the staging buffer.
 */
final class CudaActivationOps implements ActivationOps, AutoCloseable {
    private static final Pointer ONE = Pointer.to(new float[] {1f});
    private static final Pointer ZERO = Pointer.to(new float[] {0f});

    private final CudaDevice d;
    private final Map<Activation, cudnnActivationDescriptor> descriptors = new HashMap<>();

    CudaActivationOps(CudaDevice device) { this.d = device; }

    @Override public void forward(Activation a, Tensor x, Tensor y) {
        Checks.sameSize(d, "activation.forward " + a.keyword(), "x", x, "y", y);
        d.bind();
        long n = x.size();
        switch (a.kind()) {
            case LINEAR -> copy(x, y, "activation.forward linear");
            case RELU, SIGMOID, TANH, ELU -> {
                String op = "activation.forward " + a.keyword();
                cudnnTensorDescriptor desc = rows(x, op);
                CudaErrors.cudnn(JCudnn.cudnnActivationForward(d.cudnn(), descriptor(a), ONE, desc, d.ptr(x, op), ZERO, desc, d.ptr(y, op)),
                        op, "x " + x.shape(), d.label());
            }
            case LEAKY_RELU -> d.kernels().launch("activation", "leaky_relu_forward_f32", d.kernels().gridFor(n),
                    d.ptr(x, "activation.forward"), d.ptr(y, "activation.forward"), (float) a.alpha(), n);
            case SWISH -> d.kernels().launch("activation", "swish_forward_f32", d.kernels().gridFor(n),
                    d.ptr(x, "activation.forward"), d.ptr(y, "activation.forward"), n);
            case SOFTMAX -> softmaxForward(x, y);
        }
    }

    @Override public void backward(Activation a, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        String op = "activation.backward " + a.keyword();
        Checks.sameSize(d, op, "x", x, "y", y);
        Checks.sameSize(d, op, "x", x, "dy", dy);
        Checks.sameSize(d, op, "x", x, "dx", dx);
        d.bind();
        long n = x.size();
        switch (a.kind()) {
            case LINEAR -> copy(dy, dx, op);
            case RELU, SIGMOID, TANH, ELU -> {
                cudnnTensorDescriptor desc = rows(x, op);
                CudaErrors.cudnn(JCudnn.cudnnActivationBackward(d.cudnn(), descriptor(a), ONE, desc, d.ptr(y, op), desc, d.ptr(dy, op),
                        desc, d.ptr(x, op), ZERO, desc, d.ptr(dx, op)), op, "x " + x.shape(), d.label());
            }
            case LEAKY_RELU -> d.kernels().launch("activation", "leaky_relu_backward_f32", d.kernels().gridFor(n),
                    d.ptr(x, op), d.ptr(dy, op), d.ptr(dx, op), (float) a.alpha(), n);
            case SWISH -> d.kernels().launch("activation", "swish_backward_f32", d.kernels().gridFor(n),
                    d.ptr(x, op), d.ptr(dy, op), d.ptr(dx, op), n);
            case SOFTMAX -> softmaxBackward(y, dy, dx);
        }
    }

    private void softmaxForward(Tensor x, Tensor y) {
        String op = "activation.forward softmax";
        cudnnTensorDescriptor desc = rows(x, op);
        boolean aliased = Checks.aliased(x, y);
        CUdeviceptr out = aliased ? d.staging().ensure(y.size() * Sizeof.FLOAT) : d.ptr(y, op);
        CudaErrors.cudnn(JCudnn.cudnnSoftmaxForward(d.cudnn(), cudnnSoftmaxAlgorithm.CUDNN_SOFTMAX_ACCURATE,
                cudnnSoftmaxMode.CUDNN_SOFTMAX_MODE_INSTANCE, ONE, desc, d.ptr(x, op), ZERO, desc, out), op, "x " + x.shape(), d.label());
        if (aliased) copyRaw(out, d.ptr(y, op), y.size(), op);
    }

    private void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        String op = "activation.backward softmax";
        cudnnTensorDescriptor desc = rows(y, op);
        boolean aliased = Checks.aliased(dy, dx) || Checks.aliased(y, dx);
        CUdeviceptr out = aliased ? d.staging().ensure(dx.size() * Sizeof.FLOAT) : d.ptr(dx, op);
        CudaErrors.cudnn(JCudnn.cudnnSoftmaxBackward(d.cudnn(), cudnnSoftmaxAlgorithm.CUDNN_SOFTMAX_ACCURATE,
                cudnnSoftmaxMode.CUDNN_SOFTMAX_MODE_INSTANCE, ONE, desc, d.ptr(y, op), desc, d.ptr(dy, op), ZERO, desc, out),
                op, "y " + y.shape(), d.label());
        if (aliased) copyRaw(out, d.ptr(dx, op), dx.size(), op);
    }

    /** The {@code (dim(0), rest, 1, 1)} view: softmax needs rows; pointwise ops accept any packed 4-D view. */
    private cudnnTensorDescriptor rows(Tensor t, String op) {
        int n = t.dim(0);
        int rest = Checks.intSize(d, op, "a sample of " + t.shape(), t.size() / n);
        Checks.intSize(d, op, t.shape().toString(), t.size());
        return d.descriptors().tensor(n, rest, 1, 1);
    }

    private void copy(Tensor src, Tensor dst, String op) {
        if (Checks.aliased(src, dst)) return;
        copyRaw(d.ptr(src, op), d.ptr(dst, op), src.size(), op);
    }

    private void copyRaw(CUdeviceptr src, CUdeviceptr dst, long n, String op) {
        CudaErrors.driver(JCudaDriver.cuMemcpyDtoDAsync(dst, src, n * Sizeof.FLOAT, d.stream()), op, "copy of " + n + " floats", d.label());
    }

    private cudnnActivationDescriptor descriptor(Activation a) {
        Activation key = a.kind() == Activation.Kind.ELU ? a : new Activation(a.kind(), 0);
        cudnnActivationDescriptor desc = descriptors.get(key);
        if (desc != null) return desc;
        int mode = switch (a.kind()) {
            case RELU -> cudnnActivationMode.CUDNN_ACTIVATION_RELU;
            case SIGMOID -> cudnnActivationMode.CUDNN_ACTIVATION_SIGMOID;
            case TANH -> cudnnActivationMode.CUDNN_ACTIVATION_TANH;
            case ELU -> cudnnActivationMode.CUDNN_ACTIVATION_ELU;
            default -> throw new IllegalStateException(a.kind() + " does not run in cuDNN");
        };
        desc = new cudnnActivationDescriptor();
        CudaErrors.cudnn(JCudnn.cudnnCreateActivationDescriptor(desc), "cudnnCreateActivationDescriptor", a.keyword(), d.label());
        // coef is ELU's alpha; cuDNN ignores it for the other modes here.
        CudaErrors.cudnn(JCudnn.cudnnSetActivationDescriptor(desc, mode, cudnnNanPropagation.CUDNN_PROPAGATE_NAN, key.alpha()),
                "cudnnSetActivationDescriptor", a.keyword(), d.label());
        descriptors.put(key, desc);
        return desc;
    }

    @Override public void close() {
        for (cudnnActivationDescriptor desc : descriptors.values()) JCudnn.cudnnDestroyActivationDescriptor(desc);
        descriptors.clear();
    }
}
