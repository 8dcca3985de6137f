package io.github.convnet4j.opencl;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

import io.github.convnet4j.backend.BackendException;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;

/**
 * Sets a kernel's arguments in order and enqueues it: {@code call.buf(x).i(n).f(a).run1d(n)}.
 * Launches are asynchronous on the backend's in-order queue.
 */
final class KernelCall {
    /** Work-group size for one-item-per-element kernels (capped by the kernel's own limit). */
    private static final int ELEMENTWISE_GROUP = 64;

    private final cl_command_queue queue;
    private final ClKernel kernel;
    private final OpenClBackend backend;
    private int index;

    KernelCall(cl_command_queue queue, ClKernel kernel, OpenClBackend backend) {
        this.queue = queue;
        this.kernel = kernel;
        this.backend = backend;
    }

    KernelCall buf(ClBuffer b) {
        return set(Sizeof.cl_mem, Pointer.to(b.mem()));
    }

    KernelCall i(int v) {
        return set(Sizeof.cl_int, Pointer.to(new int[] {v}));
    }

    KernelCall f(double v) {
        return set(Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
    }

    /** A {@code __local} buffer of {@code bytes}. */
    KernelCall local(long bytes) {
        try {
            clSetKernelArg(kernel.handle(), index++, bytes, null);
        } catch (CLException e) {
            throw failure("setting local argument " + (index - 1), e);
        }
        return this;
    }

    /** One work-item per element for {@code n} elements, with a bounds check in the kernel. */
    void run1d(long n) {
        if (n <= 0) return;
        int group = kernel.powerOfTwoGroupSize(ELEMENTWISE_GROUP);
        long global = (n + group - 1) / group * group;
        run(new long[] {global}, new long[] {group});
    }

    /**
     * A 3-D range {@code (n0, n1, n2)}; dimension 0 is rounded up to the work-group width, so the
     * kernel must check its index 0 against n0.
     */
    void run3d(long n0, long n1, long n2) {
        if (n0 <= 0 || n1 <= 0 || n2 <= 0) return;
        int width = kernel.powerOfTwoGroupSize((int) Math.min(ELEMENTWISE_GROUP, nextPowerOfTwo(n0)));
        long global0 = (n0 + width - 1) / width * width;
        run(new long[] {global0, n1, n2}, new long[] {width, 1, 1});
    }

    /** {@code groups} work-groups of {@code groupSize} work-items along one dimension. */
    void runGroups(long groups, int groupSize) {
        if (groups <= 0) return;
        run(new long[] {groups * groupSize}, new long[] {groupSize});
    }

    /** An explicit NDRange; {@code local} may be null to let the driver choose. */
    void run(long[] global, long[] local) {
        try {
            clEnqueueNDRangeKernel(queue, kernel.handle(), global.length, null, global, local, 0, null, null);
        } catch (CLException e) {
            throw failure("launch", e);
        }
    }

    static long nextPowerOfTwo(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

    private KernelCall set(long size, Pointer p) {
        try {
            clSetKernelArg(kernel.handle(), index++, size, p);
        } catch (CLException e) {
            throw failure("setting argument " + (index - 1), e);
        }
        return this;
    }

    private BackendException failure(String what, CLException e) {
        return new BackendException("opencl " + backend.checks().currentOp() + ": kernel " + kernel.name() + " " + what
                + " failed: " + e.getMessage() + " (device " + backend.device().name() + ")", e);
    }
}
