package io.github.convnet4j.opencl;

import static org.jocl.CL.clReleaseMemObject;

import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.DeviceBuffer;
import org.jocl.cl_mem;

/** A float32 {@code cl_mem} of one {@link OpenClBackend}. */
final class ClBuffer implements DeviceBuffer {
    private final OpenClBackend owner;
    private final cl_mem mem;
    private final long length;
    private boolean closed;

    ClBuffer(OpenClBackend owner, cl_mem mem, long length) {
        this.owner = owner;
        this.mem = mem;
        this.length = length;
    }

    OpenClBackend owner() { return owner; }

    cl_mem mem() { return mem; }

    boolean isClosed() { return closed; }

    @Override public DType dtype() { return DType.F32; }

    @Override public long length() { return length; }

    @Override public void close() {
        if (closed) return;
        closed = true;
        clReleaseMemObject(mem);
        owner.forget(this);
    }

    /** Called by the backend when it closes first; the memory goes with the context. */
    void releaseWithBackend() {
        if (closed) return;
        closed = true;
        clReleaseMemObject(mem);
    }
}
