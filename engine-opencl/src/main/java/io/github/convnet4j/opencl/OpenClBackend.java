package io.github.convnet4j.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.backend.ops.MergeOps;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/**
 * An opened OpenCL device: one context, one in-order command queue, float32 {@code cl_mem}
 * buffers. Ops enqueue kernels and return; only downloads, the scalar reductions and the loss
 * value wait for the queue. Kernels are compiled lazily per op family and cached for the lifetime
 * of the backend; workspaces are cached in {@link Scratch}.
 *
 * <p>Not thread-safe: one thread drives a backend (kernel arguments are set on shared kernel
 * objects).
 */
public final class OpenClBackend implements Backend {
    private final ClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final ProgramCache programs;
    private final Scratch scratch;
    private final Checks checks;
    private final Set<ClBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final float[] zero = {0f};
    private boolean closed;

    private GemmKernel gemmKernel;
    private final OpenClConvOps conv;
    private final OpenClPoolOps pool;
    private final OpenClGemmOps gemm;
    private final OpenClActivationOps activation;
    private final OpenClNormalizationOps normalization;
    private final OpenClLossOps loss;
    private final OpenClOptimizerOps optimizer;
    private final OpenClElementwiseOps elementwise;
    private final OpenClMergeOps merge;
    private final OpenClReductionOps reduction;

    /**
     * Creates a context and queue on {@code device}.
     *
     * @throws BackendException when the driver refuses
     */
    @SuppressWarnings("deprecation") // clCreateCommandQueue is the OpenCL 1.2 call; 2.0 devices accept it too
    OpenClBackend(ClDevice device) {
        this.device = device;
        CL.setExceptionsEnabled(true);
        cl_context ctx = null;
        try {
            ctx = clCreateContext(null, 1, new cl_device_id[] {device.device()}, null, null, null);
            this.queue = clCreateCommandQueue(ctx, device.device(), 0, null);
        } catch (CLException e) {
            if (ctx != null) clReleaseContext(ctx);
            throw new BackendException("opencl: cannot open " + device.name() + " (" + device.id() + "): " + e.getMessage(), e);
        }
        this.context = ctx;
        this.programs = new ProgramCache(context, device);
        this.scratch = new Scratch(this);
        this.checks = new Checks(this);
        this.conv = new OpenClConvOps(this);
        this.pool = new OpenClPoolOps(this);
        this.gemm = new OpenClGemmOps(this);
        this.activation = new OpenClActivationOps(this);
        this.normalization = new OpenClNormalizationOps(this);
        this.loss = new OpenClLossOps(this);
        this.optimizer = new OpenClOptimizerOps(this);
        this.elementwise = new OpenClElementwiseOps(this);
        this.merge = new OpenClMergeOps(this);
        this.reduction = new OpenClReductionOps(this);
    }

    @Override public String name() { return "opencl"; }

    @Override public String description() { return device.describe(); }

    /** The device this backend runs on. */
    public ClDevice device() { return device; }

    @Override public boolean supports(DType dtype) { return dtype == DType.F32; }

    @Override public Tensor allocate(Shape shape, DType dtype) {
        if (dtype != DType.F32) {
            throw checks.error("allocate", "cannot allocate " + shape + " as " + dtype + "; OpenCL supports F32 only");
        }
        ClBuffer b = rawBuffer(shape.size(), "tensor " + shape);
        try {
            clEnqueueFillBuffer(queue, b.mem(), Pointer.to(zero), Sizeof.cl_float, 0, b.length() * Float.BYTES, 0, null, null);
        } catch (CLException e) {
            b.close();
            throw checks.error("allocate", "zero-filling " + shape + " failed: " + e.getMessage());
        }
        return new Tensor(this, b, shape);
    }

    /** A new uninitialized buffer of {@code elements} floats, tracked so that close() frees it. */
    ClBuffer rawBuffer(long elements, String what) {
        ensureOpen("allocate");
        long bytes = Math.multiplyExact(elements, (long) Float.BYTES);
        if (bytes > device.maxAllocation()) {
            throw checks.error("allocate", what + " needs " + bytes + " bytes, more than the device's largest allocation of " + device.maxAllocation());
        }
        cl_mem mem;
        try {
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        } catch (CLException e) {
            throw checks.error("allocate", what + " (" + bytes + " bytes) failed: " + e.getMessage());
        }
        ClBuffer b = new ClBuffer(this, mem, elements);
        live.add(b);
        return b;
    }

    void forget(ClBuffer b) { live.remove(b); }

    @Override public void upload(float[] src, int offset, Tensor dst) {
        ClBuffer b = checks.buffer("upload", "dst", dst);
        checkRange("upload", src.length, offset, dst);
        try {
            clEnqueueWriteBuffer(queue, b.mem(), CL_TRUE, 0, dst.size() * Float.BYTES,
                    Pointer.to(src).withByteOffset((long) offset * Float.BYTES), 0, null, null);
        } catch (CLException e) {
            throw checks.error("upload", "writing " + dst.shape() + " failed: " + e.getMessage());
        }
    }

    @Override public void upload(double[] src, int offset, Tensor dst) {
        checks.buffer("upload", "dst", dst);
        checkRange("upload", src.length, offset, dst);
        float[] f = new float[Math.toIntExact(dst.size())];
        for (int i = 0; i < f.length; i++) f[i] = (float) src[offset + i];
        upload(f, 0, dst);
    }

    @Override public void download(Tensor src, float[] dst, int offset) {
        ClBuffer b = checks.buffer("download", "src", src);
        checkRange("download", dst.length, offset, src);
        try {
            clEnqueueReadBuffer(queue, b.mem(), CL_TRUE, 0, src.size() * Float.BYTES,
                    Pointer.to(dst).withByteOffset((long) offset * Float.BYTES), 0, null, null);
        } catch (CLException e) {
            throw checks.error("download", "reading " + src.shape() + " failed: " + e.getMessage());
        }
    }

    @Override public void download(Tensor src, double[] dst, int offset) {
        checks.buffer("download", "src", src);
        checkRange("download", dst.length, offset, src);
        float[] f = new float[Math.toIntExact(src.size())];
        download(src, f, 0);
        for (int i = 0; i < f.length; i++) dst[offset + i] = f[i];
    }

    /** Reads the first {@code n} floats of a buffer into {@code dst} (waits for the queue). */
    void read(ClBuffer b, float[] dst, int n) {
        clEnqueueReadBuffer(queue, b.mem(), CL_TRUE, 0, (long) n * Float.BYTES, Pointer.to(dst), 0, null, null);
    }

    /** Reads the first {@code n} ints of a buffer into {@code dst} (waits for the queue). */
    void read(ClBuffer b, int[] dst, int n) {
        clEnqueueReadBuffer(queue, b.mem(), CL_TRUE, 0, (long) n * Integer.BYTES, Pointer.to(dst), 0, null, null);
    }

    private void checkRange(String op, int arrayLength, int offset, Tensor t) {
        if (offset < 0 || offset > arrayLength || arrayLength - offset < t.size()) {
            throw checks.error(op, "host array of " + arrayLength + " values from offset " + offset + " cannot hold " + t.shape());
        }
    }

    @Override public ConvOps conv() { return conv; }
    @Override public PoolOps pool() { return pool; }
    @Override public GemmOps gemm() { return gemm; }
    @Override public ActivationOps activation() { return activation; }
    @Override public NormalizationOps normalization() { return normalization; }
    @Override public LossOps loss() { return loss; }
    @Override public OptimizerOps optimizer() { return optimizer; }
    @Override public ElementwiseOps elementwise() { return elementwise; }

    @Override public MergeOps merge() { return merge; }
    @Override public ReductionOps reduction() { return reduction; }

    @Override public void synchronize() {
        ensureOpen("synchronize");
        try {
            clFinish(queue);
        } catch (CLException e) {
            throw checks.error("synchronize", e.getMessage());
        }
    }

    /** A launch of kernel {@code name} from the program of {@code family}. */
    KernelCall call(String family, String name) {
        ensureOpen(family + "." + name);
        return new KernelCall(queue, programs.family(family, "").kernel(name), this);
    }

    /** A launch of an already-resolved kernel. */
    KernelCall call(ClKernel kernel) {
        ensureOpen(kernel.name());
        return new KernelCall(queue, kernel, this);
    }

    /** The tiled GEMM, built (and its tile chosen) on first use. */
    GemmKernel gemmKernel() {
        if (gemmKernel == null) gemmKernel = GemmKernel.choose(this);
        return gemmKernel;
    }

    cl_command_queue queue() { return queue; }
    ProgramCache programs() { return programs; }
    Scratch scratch() { return scratch; }
    Checks checks() { return checks; }
    OpenClElementwiseOps elementwiseOps() { return elementwise; }
    OpenClConvOps convOps() { return conv; }
    OpenClReductionOps reductionOps() { return reduction; }

    private void ensureOpen(String op) {
        if (closed) throw new BackendException("opencl " + op + ": the backend has been closed (device " + device.name() + ")");
    }

    @Override public void close() {
        if (closed) return;
        try {
            clFinish(queue);
        } catch (CLException ignored) {
            // Closing anyway: the context goes away with everything in it.
        }
        scratch.close();
        for (ClBuffer b : new ArrayList<>(live)) b.releaseWithBackend();
        live.clear();
        programs.close();
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
        closed = true;
    }
}
