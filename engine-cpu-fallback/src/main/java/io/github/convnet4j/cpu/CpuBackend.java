package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.DepthwiseConvOps;
import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.backend.ops.Conv3dOps;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.MergeOps;
import io.github.convnet4j.backend.ops.UpsampleOps;
import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * The pure-Java backend. F64 runs the reference implementations (plain loops straight from the
 * SPI javadoc, accumulated in double); F32 runs the fast implementations (im2col + a blocked,
 * multi-threaded SGEMM for convolution and dense layers). Ops run synchronously on the calling
 * thread (helped by the shared worker pool), so {@link #synchronize()} has nothing to wait for.
 *
 * <p>One backend is meant to be driven by one thread at a time, like a GPU stream: its im2col and
 * packing workspaces are cached per backend and per worker.
 */
public final class CpuBackend implements Backend {
    private final CpuThreads threads;
    private final Workspaces workspaces;
    private final CpuConvOps conv;
    private final CpuDepthwiseConvOps depthwiseConv;
    private final CpuPoolOps pool;
    private final CpuConv3dOps conv3d;
    private final CpuUpsampleOps upsample;
    private final CpuGemmOps gemm;
    private final CpuActivationOps activation;
    private final CpuNormalizationOps normalization;
    private final CpuLossOps loss;
    private final CpuOptimizerOps optimizer;
    private final CpuElementwiseOps elementwise;
    private final CpuReductionOps reduction;
    private final CpuMergeOps merge = new CpuMergeOps();

    /** Opens the backend on the JVM-wide worker pool. */
    public CpuBackend() {
        this(CpuThreads.shared());
    }

    /** Opens the backend on the given pool (tests compare results across thread counts). */
    CpuBackend(CpuThreads threads) {
        this.threads = threads;
        this.workspaces = new Workspaces(threads.size());
        Sgemm sgemm = new Sgemm(threads, workspaces, MicroKernels.best());
        this.conv = new CpuConvOps(threads, workspaces, sgemm);
        this.depthwiseConv = new CpuDepthwiseConvOps(threads, workspaces);
        this.pool = new CpuPoolOps(threads);
        this.conv3d = new CpuConv3dOps(threads);
        this.upsample = new CpuUpsampleOps(threads);
        this.gemm = new CpuGemmOps(sgemm);
        this.activation = new CpuActivationOps(threads);
        this.normalization = new CpuNormalizationOps(threads);
        this.loss = new CpuLossOps();
        this.optimizer = new CpuOptimizerOps(threads);
        this.elementwise = new CpuElementwiseOps(threads);
        this.reduction = new CpuReductionOps();
    }

    @Override public String name() { return "cpu"; }

    @Override public String description() {
        return "cpu: " + threads.size() + " threads, " + MicroKernels.best().description();
    }

    @Override public boolean supports(DType dtype) { return dtype == DType.F32 || dtype == DType.F64; }

    @Override public Tensor allocate(Shape shape, DType dtype) {
        if (!supports(dtype)) throw Checks.fail("allocate", "unsupported dtype " + dtype + " for " + shape);
        return new Tensor(this, new CpuBuffer(dtype, shape.size()), shape);
    }

    @Override public void upload(float[] src, int offset, Tensor dst) {
        int n = hostRange("upload", src.length, offset, dst);
        CpuBuffer b = buffer("upload", dst);
        if (b.dtype() == DType.F32) {
            System.arraycopy(src, offset, b.floats(), 0, n);
        } else {
            double[] d = b.doubles();
            for (int i = 0; i < n; i++) d[i] = src[offset + i];
        }
    }

    @Override public void upload(double[] src, int offset, Tensor dst) {
        int n = hostRange("upload", src.length, offset, dst);
        CpuBuffer b = buffer("upload", dst);
        if (b.dtype() == DType.F64) {
            System.arraycopy(src, offset, b.doubles(), 0, n);
        } else {
            float[] f = b.floats();
            for (int i = 0; i < n; i++) f[i] = (float) src[offset + i];
        }
    }

    @Override public void download(Tensor src, float[] dst, int offset) {
        int n = hostRange("download", dst.length, offset, src);
        CpuBuffer b = buffer("download", src);
        if (b.dtype() == DType.F32) {
            System.arraycopy(b.floats(), 0, dst, offset, n);
        } else {
            double[] d = b.doubles();
            for (int i = 0; i < n; i++) dst[offset + i] = (float) d[i];
        }
    }

    @Override public void download(Tensor src, double[] dst, int offset) {
        int n = hostRange("download", dst.length, offset, src);
        CpuBuffer b = buffer("download", src);
        if (b.dtype() == DType.F64) {
            System.arraycopy(b.doubles(), 0, dst, offset, n);
        } else {
            float[] f = b.floats();
            for (int i = 0; i < n; i++) dst[offset + i] = f[i];
        }
    }

    private static int hostRange(String op, int hostLength, int offset, Tensor t) {
        long n = t.size();
        if (offset < 0 || offset + n > hostLength) {
            throw Checks.fail(op, "host array of " + hostLength + " values from offset " + offset
                    + " cannot hold " + Checks.describe("tensor", t) + " (" + n + " values)");
        }
        return (int) n;
    }

    private CpuBuffer buffer(String op, Tensor t) {
        Checks.dtype(op, "tensor", t);
        return (CpuBuffer) t.buffer();
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

    @Override public void synchronize() {
        // Every op has finished when it returns.
    }

    @Override public void close() {
        workspaces.release();
    }
}
