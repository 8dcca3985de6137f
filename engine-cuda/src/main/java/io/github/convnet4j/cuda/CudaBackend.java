package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.backend.ops.DepthwiseConvOps;
import io.github.convnet4j.backend.ops.Conv3dOps;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.MergeOps;
import io.github.convnet4j.backend.ops.UpsampleOps;
import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import jcuda.Pointer;
import jcuda.Sizeof;

/**
 * An opened NVIDIA GPU. F32 only. Ops are issued asynchronously on one stream; {@code download},
 * the scalar reductions, losses and {@link #synchronize()} wait. Convolution, pooling, most
 * activations, softmax and batch norm run in cuDNN, gemm in cuBLAS, the rest in the project's
 * kernels ({@code kernels/cuda/*.cu}).
 */
public final class CudaBackend implements Backend {
    /** The kernel families in {@code kernels/cuda/}; each is one NVRTC program. */
    static final List<String> KERNEL_FAMILIES = List.of("elementwise", "activation", "pad", "pool", "loss", "optimizer", "reduction", "merge",
            "upsample");

    private final CudaDevice device;
    private final String versions;
    private final CudnnConvOps conv;
    private final CudnnDepthwiseConvOps depthwiseConv;
    private final CudaPoolOps pool;
    private final CudnnConv3dOps conv3d;
    private final CudaUpsampleOps upsample;
    private final CublasGemmOps gemm;
    private final CudaActivationOps activation;
    private final CudnnBatchNormOps normalization;
    private final CudaLossOps loss;
    private final CudaOptimizerOps optimizer;
    private final CudaElementwiseOps elementwise;
    private final CudaReductionOps reduction;
    private final CudaMergeOps merge;
    private float[] conversion = new float[0];

    /** @param cudnnPooling false runs every pooling case in {@code pool.cu} ({@link CudaBackendProvider#POOL_PROPERTY}) */
    CudaBackend(CudaDevice device, String probeReason, boolean cudnnPooling) {
        this.device = device;
        int split = probeReason.indexOf("; ");
        this.versions = split < 0 ? probeReason : probeReason.substring(split + 2);
        this.elementwise = new CudaElementwiseOps(device);
        this.conv = new CudnnConvOps(device, elementwise);
        this.depthwiseConv = new CudnnDepthwiseConvOps(device, conv);
        this.pool = new CudaPoolOps(device, cudnnPooling);
        this.conv3d = new CudnnConv3dOps(device, elementwise);
        this.upsample = new CudaUpsampleOps(device);
        this.gemm = new CublasGemmOps(device);
        this.activation = new CudaActivationOps(device);
        this.normalization = new CudnnBatchNormOps(device);
        this.loss = new CudaLossOps(device);
        this.optimizer = new CudaOptimizerOps(device);
        this.reduction = new CudaReductionOps(device);
        this.merge = new CudaMergeOps(device);
    }

    @Override public String name() { return "cuda"; }

    @Override public String description() {
        return String.format(Locale.ROOT, "%s, compute capability %d.%d, %s, %d multiprocessors, TF32 %s, FFT/Winograd convolutions %s, pooling %s; %s",
                device.label(), device.ccMajor(), device.ccMinor(), CudaDevice.mib(device.totalMemory()),
                device.multiprocessors(), device.tf32() ? "on" : "off", ConvAlgorithms.fastConvolutions() ? "first" : "last", pool.usesCudnn() ? "cuDNN" : "pool.cu", versions);
    }

    @Override public boolean supports(DType dtype) { return dtype == DType.F32; }

    @Override public Tensor allocate(Shape shape, DType dtype) {
        if (dtype != DType.F32) {
            throw new BackendException("cuda allocate: " + dtype + " tensor " + shape + " is not supported on " + device.label()
                    + " (GPU backends are F32 only; F64 is for the CPU reference)");
        }
        return new Tensor(this, device.allocate(shape), shape);
    }

    @Override public void upload(float[] src, int offset, Tensor dst) {
        long n = dst.size();
        checkRange("upload", src.length, offset, n, dst);
        device.copyToDevice(device.ptr(dst, "upload"), Pointer.to(src).withByteOffset((long) offset * Sizeof.FLOAT), n * Sizeof.FLOAT,
                "upload", dst.shape().toString());
    }

    @Override public void upload(double[] src, int offset, Tensor dst) {
        long n = dst.size();
        checkRange("upload", src.length, offset, n, dst);
        float[] f = conversionBuffer(n);
        for (int i = 0; i < n; i++) f[i] = (float) src[offset + i];
        upload(f, 0, dst);
    }

    @Override public void download(Tensor src, float[] dst, int offset) {
        long n = src.size();
        checkRange("download", dst.length, offset, n, src);
        device.copyToHost(Pointer.to(dst).withByteOffset((long) offset * Sizeof.FLOAT), device.ptr(src, "download"), n * Sizeof.FLOAT,
                "download", src.shape().toString());
    }

    @Override public void download(Tensor src, double[] dst, int offset) {
        long n = src.size();
        checkRange("download", dst.length, offset, n, src);
        float[] f = conversionBuffer(n);
        download(src, f, 0);
        for (int i = 0; i < n; i++) dst[offset + i] = f[i];
    }

    private void checkRange(String op, int arrayLength, int offset, long n, Tensor t) {
        if (offset < 0 || offset + n > arrayLength) {
            throw Checks.error(device, op, "tensor " + t.shape() + " needs " + n + " values from offset " + offset
                    + " but the array holds " + arrayLength);
        }
    }

    private float[] conversionBuffer(long n) {
        if (conversion.length < n) conversion = new float[Math.toIntExact(n)];
        return conversion;
    }

    @Override public ConvOps conv() { return conv; }
    @Override public DepthwiseConvOps depthwiseConv() { return depthwiseConv; }
    @Override public PoolOps pool() { return pool; }
    @Override public Conv3dOps conv3d() { return conv3d; }
    @Override public UpsampleOps upsample() { return upsample; }
    @Override public GemmOps gemm() { return gemm; }
    @Override public ActivationOps activation() { return activation; }
    @Override public NormalizationOps normalization() { return normalization; }
    @Override public LossOps loss() { return loss; }
    @Override public OptimizerOps optimizer() { return optimizer; }
    @Override public ElementwiseOps elementwise() { return elementwise; }
    @Override public ReductionOps reduction() { return reduction; }

    @Override public MergeOps merge() { return merge; }

    @Override public void synchronize() { device.synchronize(); }

    /** The device behind this backend (tests reach package-private op variants through it). */
    CudaDevice device() { return device; }

    /** The cuDNN convolution algorithms chosen so far, one line per shape. */
    public String convolutionAlgorithms() { return conv.chosenAlgorithms(); }

    /** How each kernel family was compiled so far (for logs and the GPU test report). */
    public String kernelTargets() {
        StringBuilder b = new StringBuilder();
        for (String f : KERNEL_FAMILIES) {
            String t = device.kernels().target(f);
            if (t != null) b.append(b.length() > 0 ? "; " : "").append(f).append(": ").append(t);
        }
        return b.toString();
    }

    @Override public void close() {
        conv.close();
        conv3d.close();
        pool.close();
        activation.close();
        device.close();
    }

    @Override public String toString() { return description(); }
}
