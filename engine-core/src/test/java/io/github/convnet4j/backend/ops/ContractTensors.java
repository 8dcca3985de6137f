package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.DeviceBuffer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/** Tensors for contract tests: shapes over buffers nothing reads (contracts look at shapes and buffer identity only). */
final class ContractTensors {
    private ContractTensors() {}

    /** Room for any shape these tests make, so that two tensors can share one buffer. */
    private static final long ROOM = 4096;

    private record Buffer(long length) implements DeviceBuffer {
        @Override public DType dtype() { return DType.F32; }
        @Override public void close() {}
    }

    /** A tensor of its own buffer. */
    static Tensor t(int... dims) { return new Tensor(null, new Buffer(ROOM), Shape.of(dims)); }

    /** A tensor over {@code other}'s buffer: the two share memory. */
    static Tensor sharing(Tensor other, int... dims) { return new Tensor(null, other.buffer(), Shape.of(dims)); }
}
