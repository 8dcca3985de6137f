package io.github.convnet4j.backend;

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

/**
 * A backend that passes every call to another one; subclasses override what they observe (op
 * recording for benchmarks, allocation counting in tests). Tensors it allocates report this backend
 * as theirs, so code that allocates through {@code tensor.backend()} or compares a tensor's backend
 * with its own (layers reusing buffers) keeps going through the wrapper. The wrapped backend accepts
 * those tensors because backends check buffer types, not the tensor's backend object.
 */
public abstract class ForwardingBackend implements Backend {
    private final Backend inner;

    protected ForwardingBackend(Backend inner) { this.inner = inner; }

    /** The wrapped backend. */
    public Backend inner() { return inner; }

    @Override public String name() { return inner.name(); }
    @Override public String description() { return inner.description(); }
    @Override public boolean supports(DType dtype) { return inner.supports(dtype); }

    /** Allocates on the wrapped backend and rebinds the tensor to this one. */
    @Override public Tensor allocate(Shape shape, DType dtype) {
        return new Tensor(this, inner.allocate(shape, dtype).buffer(), shape);
    }

    @Override public void upload(float[] src, int offset, Tensor dst) { inner.upload(src, offset, dst); }
    @Override public void upload(double[] src, int offset, Tensor dst) { inner.upload(src, offset, dst); }
    @Override public void download(Tensor src, float[] dst, int offset) { inner.download(src, dst, offset); }
    @Override public void download(Tensor src, double[] dst, int offset) { inner.download(src, dst, offset); }
    @Override public ConvOps conv() { return inner.conv(); }
    @Override public PoolOps pool() { return inner.pool(); }
    @Override public GemmOps gemm() { return inner.gemm(); }
    @Override public ActivationOps activation() { return inner.activation(); }
    @Override public NormalizationOps normalization() { return inner.normalization(); }
    @Override public LossOps loss() { return inner.loss(); }
    @Override public OptimizerOps optimizer() { return inner.optimizer(); }
    @Override public ElementwiseOps elementwise() { return inner.elementwise(); }
    @Override public ReductionOps reduction() { return inner.reduction(); }
    @Override public MergeOps merge() { return inner.merge(); }
    @Override public void synchronize() { inner.synchronize(); }
    @Override public void close() { inner.close(); }
}
