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
 * An opened device: it allocates tensors, moves data to and from the host where the caller says so,
 * and runs every op family. Ops may run asynchronously in issue order; {@code download}, the
 * scalar-returning reductions and {@link #synchronize()} wait for them.
 *
 * <p>Contract shared by all ops: output tensors are allocated by the caller on this backend with
 * the documented shapes and are overwritten (never accumulated into) unless the op says otherwise;
 * all tensors of one call have the same dtype. Outputs of conv, pool and gemm must not share memory
 * with their inputs (pointwise ops say when they may). A backend is driven by one thread at a time,
 * like a stream: its workspaces are per backend. A backend never knows what a layer is.
 */
public interface Backend extends AutoCloseable {
    /** The provider's name: {@code "cpu"}, {@code "opencl"}, {@code "cuda"}. */
    String name();

    /** One line naming the device, e.g. {@code "cpu: 2 threads, Vector API 256-bit"}. */
    String description();

    /** Whether tensors of this dtype can be allocated here (every backend supports F32). */
    boolean supports(DType dtype);

    /**
     * A new zero-filled tensor.
     *
     * @throws BackendException when the dtype is unsupported or the device is out of memory
     */
    Tensor allocate(Shape shape, DType dtype);

    /** A new zero-filled F32 tensor. */
    default Tensor allocate(Shape shape) { return allocate(shape, DType.F32); }

    /** Copies {@code dst.size()} values from {@code src[offset...]} to the device, converting to dst's dtype. */
    void upload(float[] src, int offset, Tensor dst);

    /** Copies {@code dst.size()} values from {@code src[offset...]} to the device, converting to dst's dtype. */
    void upload(double[] src, int offset, Tensor dst);

    /** Copies {@code src.size()} values to {@code dst[offset...]}, waiting for pending ops. */
    void download(Tensor src, float[] dst, int offset);

    /** Copies {@code src.size()} values to {@code dst[offset...]}, waiting for pending ops. */
    void download(Tensor src, double[] dst, int offset);

    /** Convolution forward and backward. */
    ConvOps conv();

    /** Max and average pooling. */
    PoolOps pool();

    /** Matrix multiply (dense layers). */
    GemmOps gemm();

    /** Pointwise activations and softmax. */
    ActivationOps activation();

    /** Batch normalization. */
    NormalizationOps normalization();

    /** Fused losses with their gradients. */
    LossOps loss();

    /** Optimizer parameter updates. */
    OptimizerOps optimizer();

    /** Fill, copy, axpy, bias, dropout and regularization gradients. */
    ElementwiseOps elementwise();

    /** Reductions to host scalars (sums, norms, correct-prediction counts). */
    ReductionOps reduction();

    /** Channel copies, channel gates, maximum and padding for graph layers. */
    MergeOps merge();

    /** Waits until every issued op has finished. */
    void synchronize();

    /** Releases the device context and everything cached on it. */
    @Override void close();
}
