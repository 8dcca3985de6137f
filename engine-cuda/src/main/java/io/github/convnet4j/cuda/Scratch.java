package io.github.convnet4j.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A device buffer that only grows: cuDNN workspaces, padded copies of inputs, reduction partials.
 * It reaches its final size during the first training step, so later steps allocate nothing.
 * Growing waits for the stream first because queued work may still read the old memory.
 */
final class Scratch implements AutoCloseable {
    private final CudaDevice device;
    private final String purpose;
    private CUdeviceptr pointer;
    private long capacity;

    Scratch(CudaDevice device, String purpose) {
        this.device = device;
        this.purpose = purpose;
    }

    /** At least {@code bytes} of device memory, valid until the next call of ensure. */
    CUdeviceptr ensure(long bytes) {
        if (bytes <= capacity && pointer != null) return pointer;
        long grown = Math.max(bytes, capacity + capacity / 2);
        if (pointer != null) {
            device.synchronize();
            device.freeRaw(pointer);
            pointer = null;
            capacity = 0;
        }
        pointer = device.allocRaw(Math.max(grown, 256), purpose + " scratch", null);
        capacity = Math.max(grown, 256);
        return pointer;
    }

    long capacity() { return capacity; }

    @Override public void close() {
        if (pointer != null) {
            device.freeRaw(pointer);
            pointer = null;
            capacity = 0;
        }
    }
}
