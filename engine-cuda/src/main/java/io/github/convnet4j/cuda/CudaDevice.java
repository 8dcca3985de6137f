package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnHandle;
import jcuda.runtime.cudaStream_t;

/**
 * One opened GPU: its primary context (shared with cuBLAS and cuDNN, which use the runtime API),
 * one blocking stream every op is issued on, the cuBLAS and cuDNN handles bound to that stream,
 * the kernel modules, cached cuDNN descriptors and the grow-only scratch buffers.
 *
 * <p>Host copies wait for the stream first ({@link #copyToHost}, {@link #copyToDevice}), so they
 * see, and do not disturb, every op issued before them. Not thread-safe: one thread at a time drives a backend, though not always the same one, so each
 * entry point binds the context to the calling thread first ({@link #bind()}).
 */
final class CudaDevice implements AutoCloseable {
    private static final long MIB = 1L << 20;

    private final int ordinal;
    private final boolean tf32;
    private final CUdevice device = new CUdevice();
    private final Set<CudaBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private CUcontext context;
    private CUstream stream;
    private cublasHandle cublas;
    private cudnnHandle cudnn;
    private CudaKernels kernels;
    private CudnnDescriptors descriptors;
    private Scratch workspace;
    private Scratch staging;
    private Scratch partials;
    private String name = "?";
    private int ccMajor;
    private int ccMinor;
    private int multiprocessors;
    private long totalMemory;
    private String driverVersion = "?";
    private boolean closed;
    private long rawAllocations;

    /**
     * Opens device {@code ordinal}.
     *
     * @param tf32 whether cuBLAS and cuDNN may use TF32 tensor cores for F32 (faster, ~10-bit mantissa)
     * @throws BackendException when any step fails; whatever was created is released again
     */
    CudaDevice(int ordinal, boolean tf32, boolean nvrtcAvailable) {
        this.ordinal = ordinal;
        this.tf32 = tf32;
        try {
            open(nvrtcAvailable);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void open(boolean nvrtcAvailable) {
        JCudaDriver.setExceptionsEnabled(false);
        CudaErrors.driver(JCudaDriver.cuInit(0), "cuInit", null, null);
        driverVersion = CudaVersions.driver();
        int[] count = new int[1];
        CudaErrors.driver(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount", null, null);
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new BackendException("cuda: no device " + ordinal + " (this machine has " + count[0] + " CUDA device"
                    + (count[0] == 1 ? "" : "s") + ": use --device cuda:0" + (count[0] > 1 ? " to cuda:" + (count[0] - 1) : "") + ")");
        }
        CudaErrors.driver(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet", "device " + ordinal, null);
        name = CudaVersions.deviceName(device);
        ccMajor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        ccMinor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        long[] mem = new long[1];
        CudaErrors.driver(JCudaDriver.cuDeviceTotalMem(mem, device), "cuDeviceTotalMem", null, label());
        totalMemory = mem[0];
        if (ccMajor < CudaProbe.MIN_CC_MAJOR) {
            throw new BackendException("cuda: " + label() + " has compute capability " + ccMajor + "." + ccMinor
                    + ", older than the 5.0 that cuDNN 9 needs");
        }
        context = new CUcontext();
        CudaErrors.driver(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain", null, label());
        bind();
        stream = new CUstream();
        CudaErrors.driver(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate", null, label());
        cudaStream_t runtimeStream = new cudaStream_t(stream);

        JCublas2.setExceptionsEnabled(false);
        cublasHandle h = new cublasHandle();
        CudaErrors.cublas(JCublas2.cublasCreate(h), "cublasCreate", null, label());
        cublas = h;
        CudaErrors.cublas(JCublas2.cublasSetStream(cublas, runtimeStream), "cublasSetStream", null, label());
        CudaErrors.cublas(JCublas2.cublasSetMathMode(cublas, tf32 ? cublasMath.CUBLAS_TF32_TENSOR_OP_MATH : cublasMath.CUBLAS_DEFAULT_MATH),
                "cublasSetMathMode", tf32 ? "TF32" : "default (no TF32)", label());

        JCudnn.setExceptionsEnabled(false);
        cudnnHandle d = new cudnnHandle();
        CudaErrors.cudnn(JCudnn.cudnnCreate(d), "cudnnCreate", null, label());
        cudnn = d;
        CudaErrors.cudnn(JCudnn.cudnnSetStream(cudnn, runtimeStream), "cudnnSetStream", null, label());

        descriptors = new CudnnDescriptors(this);
        kernels = new CudaKernels(this, nvrtcAvailable, multiprocessors);
        workspace = new Scratch(this, "cuDNN workspace");
        staging = new Scratch(this, "staging");
        partials = new Scratch(this, "reduction");
    }

    private int attribute(int which) {
        int[] v = new int[1];
        CudaErrors.driver(JCudaDriver.cuDeviceGetAttribute(v, which, device), "cuDeviceGetAttribute", "attribute " + which, label());
        return v[0];
    }

    /** Makes this device's context current on the calling thread. */
    void bind() {
        if (closed) throw new BackendException("cuda: " + label() + " was closed");
        CudaErrors.driver(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent", null, label());
    }

    /** A zero-filled F32 buffer of {@code shape.size()} elements. */
    CudaBuffer allocate(Shape shape) {
        bind();
        long elements = shape.size();
        CUdeviceptr p = allocRaw(Math.multiplyExact(elements, 4L), "tensor " + shape, shape);
        int r = JCudaDriver.cuMemsetD32Async(p, 0, elements, stream);
        if (r != CUresult.CUDA_SUCCESS) {
            JCudaDriver.cuMemFree(p);
            CudaErrors.driver(r, "allocate", "clearing tensor " + shape, label());
        }
        CudaBuffer b = new CudaBuffer(this, p, elements);
        live.add(b);
        return b;
    }

    /** Raw device memory; out of memory becomes a message with the free memory and a batch-size hint. */
    CUdeviceptr allocRaw(long bytes, String what, Shape shape) {
        bind();
        CUdeviceptr p = new CUdeviceptr();
        rawAllocations++;
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) throw outOfMemory(bytes, what, shape);
        CudaErrors.driver(r, "cuMemAlloc", mib(bytes) + " for " + what, label());
        return p;
    }

    private BackendException outOfMemory(long bytes, String what, Shape shape) {
        long[] free = new long[1];
        long[] total = new long[1];
        String memory = JCudaDriver.cuMemGetInfo(free, total) == CUresult.CUDA_SUCCESS
                ? mib(free[0]) + " free of " + mib(total[0]) : "free memory unknown";
        String hint = shape != null && shape.rank() >= 2 && shape.dim(0) > 1
                ? "try --batch-size " + shape.dim(0) / 2
                : "try a smaller --batch-size (half the current one)";
        return new BackendException("cuda: out of memory allocating " + mib(bytes) + " for " + what + " on " + label()
                + ": " + memory + "; " + hint);
    }

    void free(CudaBuffer buffer, CUdeviceptr pointer) {
        if (closed) return;  // close() already freed it
        live.remove(buffer);
        bind();
        // Queued ops may still use the memory; tensors are freed rarely (end of run, new batch size).
        JCudaDriver.cuStreamSynchronize(stream);
        JCudaDriver.cuMemFree(pointer);
    }

    void freeRaw(CUdeviceptr pointer) {
        if (closed && context == null) return;
        JCudaDriver.cuCtxSetCurrent(context);
        JCudaDriver.cuMemFree(pointer);
    }

    /** Waits for the stream; an asynchronous kernel fault surfaces here. */
    void synchronize() {
        bind();
        CudaErrors.driver(JCudaDriver.cuStreamSynchronize(stream), "synchronize",
                "an earlier op may have failed asynchronously", label());
    }

    /**
     * Copies device memory to the host after every op issued so far has finished. The explicit
     * stream wait makes the ordering independent of the legacy default stream's implicit rules.
     */
    void copyToHost(jcuda.Pointer dst, CUdeviceptr src, long bytes, String op, String what) {
        synchronize();
        CudaErrors.driver(JCudaDriver.cuMemcpyDtoH(dst, src, bytes), op, what, label());
    }

    /** Copies host memory to the device after every op issued so far (which may still read dst) has finished. */
    void copyToDevice(CUdeviceptr dst, jcuda.Pointer src, long bytes, String op, String what) {
        synchronize();
        CudaErrors.driver(JCudaDriver.cuMemcpyHtoD(dst, src, bytes), op, what, label());
    }

    /**
     * The device pointer of a tensor of this backend.
     *
     * @throws BackendException when the tensor lives on another backend or device, or was closed
     */
    CUdeviceptr ptr(Tensor t, String op) {
        if (!(t.buffer() instanceof CudaBuffer b) || b.device() != this) {
            throw new BackendException("cuda " + op + ": tensor " + t.shape() + " lives on " + t.backend().name()
                    + ", not on " + label());
        }
        return b.pointer(op);
    }

    /** How many cuMemAlloc calls this device made (tensors and scratch growth); tests check steps stop allocating. */
    long rawAllocations() { return rawAllocations; }

    CUstream stream() { return stream; }
    cublasHandle cublas() { return cublas; }
    cudnnHandle cudnn() { return cudnn; }
    CudaKernels kernels() { return kernels; }
    CudnnDescriptors descriptors() { return descriptors; }
    /** cuDNN convolution workspace. */
    Scratch workspace() { return workspace; }
    /** Padded inputs, and outputs of cuDNN calls whose output aliases an input. */
    Scratch staging() { return staging; }
    /** Per-block partial sums of reductions and losses, then the final scalar. */
    Scratch partials() { return partials; }
    boolean tf32() { return tf32; }
    int ccMajor() { return ccMajor; }
    int ccMinor() { return ccMinor; }
    int multiprocessors() { return multiprocessors; }
    long totalMemory() { return totalMemory; }
    String name() { return name; }
    String driverVersion() { return driverVersion; }

    /** {@code cuda:0 (NVIDIA H200)}: how messages name this device. */
    String label() { return "cuda:" + ordinal + " (" + name + ")"; }

    static String mib(long bytes) {
        return bytes >= 10 * 1024 * MIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * MIB))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    @Override public void close() {
        if (closed) return;
        if (context != null) {
            JCudaDriver.cuCtxSetCurrent(context);
            if (stream != null) JCudaDriver.cuStreamSynchronize(stream);
        }
        for (CudaBuffer b : new ArrayList<>(live)) b.close();
        live.clear();
        closed = true;
        closeQuietly(workspace);
        closeQuietly(staging);
        closeQuietly(partials);
        closeQuietly(descriptors);
        closeQuietly(kernels);
        if (cudnn != null) JCudnn.cudnnDestroy(cudnn);
        if (cublas != null) JCublas2.cublasDestroy(cublas);
        if (stream != null) JCudaDriver.cuStreamDestroy(stream);
        if (context != null) JCudaDriver.cuDevicePrimaryCtxRelease(device);
        context = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // releasing the rest matters more than reporting one failed release
        }
    }
}
