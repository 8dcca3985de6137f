package io.github.convnet4j.tensor;

/**
 * Element type of a tensor. Training runs in {@link #F32}; {@link #F64} exists so that the CPU
 * reference can run whole layers in double precision for central-difference gradient checks.
 * GPU backends support F32 only and say so with {@link io.github.convnet4j.backend.BackendException}.
 */
public enum DType {
    F32(4), F64(8);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    /** Size of one element in bytes. */
    public int bytes() { return bytes; }
}
