package io.github.convnet4j.tensor;

/**
 * Memory owned by one backend: a Java array on the CPU, a {@code cl_mem} in OpenCL, a device
 * pointer in CUDA. Only the backend that made a buffer reads its contents; everyone else moves data
 * through {@link io.github.convnet4j.backend.Backend#upload} and {@code download}.
 */
public interface DeviceBuffer extends AutoCloseable {
    /** Element type. */
    DType dtype();

    /** Capacity in elements. */
    long length();

    /** Frees the memory; idempotent. */
    @Override void close();
}
