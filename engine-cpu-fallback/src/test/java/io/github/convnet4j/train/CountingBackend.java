package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ElementwiseOps;
import io.github.convnet4j.backend.ops.GemmOps;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.backend.ops.NormalizationOps;
import io.github.convnet4j.backend.ops.OptimizerOps;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * A backend that delegates everything and counts allocations. Its tensors report it as their
 * backend, so code that allocates through {@code tensor.backend()} is counted too.
 */
final class CountingBackend implements Backend {
    private final Backend inner;
    private int allocations;

    CountingBackend(Backend inner) { this.inner = inner; }

    int allocations() { return allocations; }

    @Override public String name() { return inner.name(); }
    @Override public String description() { return "counting " + inner.description(); }
    @Override public boolean supports(DType dtype) { return inner.supports(dtype); }

    @Override public Tensor allocate(Shape shape, DType dtype) {
        allocations++;
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
    @Override public void synchronize() { inner.synchronize(); }
    @Override public void close() { inner.close(); }
}
