package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.DeviceBuffer;

/**
 * CPU memory: a {@code float[]} for {@link DType#F32} or a {@code double[]} for {@link DType#F64}.
 * Closing drops the array so that a use after close fails loudly instead of reading stale data.
 */
final class CpuBuffer implements DeviceBuffer {
    private final DType dtype;
    private final long length;
    private float[] floats;
    private double[] doubles;

    /** A zero-filled buffer of {@code length} elements. */
    CpuBuffer(DType dtype, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new BackendException("cpu allocate: " + length + " elements do not fit in one Java array");
        }
        this.dtype = dtype;
        this.length = length;
        try {
            if (dtype == DType.F32) floats = new float[(int) length];
            else doubles = new double[(int) length];
        } catch (OutOfMemoryError e) {
            throw new BackendException("cpu allocate: out of Java heap for " + length + " " + dtype + " elements", e);
        }
    }

    @Override public DType dtype() { return dtype; }

    @Override public long length() { return length; }

    /** The F32 array; throws when closed or of another dtype. */
    float[] floats() {
        if (floats == null) throw new BackendException(doubles == null ? "cpu: buffer used after close" : "cpu: buffer is F64, F32 expected");
        return floats;
    }

    /** The F64 array; throws when closed or of another dtype. */
    double[] doubles() {
        if (doubles == null) throw new BackendException(floats == null ? "cpu: buffer used after close" : "cpu: buffer is F32, F64 expected");
        return doubles;
    }

    boolean isClosed() { return floats == null && doubles == null; }

    @Override public void close() {
        floats = null;
        doubles = null;
    }
}
