package io.github.convnet4j.cuda;

import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.DeviceBuffer;
import jcuda.driver.CUdeviceptr;

/**
 * F32 device memory from {@code cuMemAlloc}, owned by one {@link CudaDevice}. Closing frees it;
 * closing after the backend was closed is a no-op because the backend already freed it.
 */
final class CudaBuffer implements DeviceBuffer {
    private final CudaDevice device;
    private final CUdeviceptr pointer;
    private final long length;
    private boolean closed;

    CudaBuffer(CudaDevice device, CUdeviceptr pointer, long length) {
        this.device = device;
        this.pointer = pointer;
        this.length = length;
    }

    @Override public DType dtype() { return DType.F32; }

    @Override public long length() { return length; }

    CudaDevice device() { return device; }

    boolean isClosed() { return closed; }

    /** The device address; fails when the buffer was closed (a use-after-free would corrupt memory). */
    CUdeviceptr pointer(String op) {
        if (closed) throw new io.github.convnet4j.backend.BackendException("cuda " + op + ": tensor memory was already closed on " + device.label());
        return pointer;
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        device.free(this, pointer);
    }

    @Override public String toString() { return "CudaBuffer[" + length + " floats on " + device.label() + "]"; }
}
