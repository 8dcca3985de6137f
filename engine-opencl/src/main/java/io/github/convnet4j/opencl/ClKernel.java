package io.github.convnet4j.opencl;

import org.jocl.cl_kernel;

/**
 * A kernel of a built program, with the limits the device reports for it.
 *
 * @param handle           the kernel object (owned by its {@link ClProgram})
 * @param name             the kernel function's name
 * @param maxWorkGroupSize CL_KERNEL_WORK_GROUP_SIZE: the largest work-group this kernel can launch with
 * @param localMemory      CL_KERNEL_LOCAL_MEM_SIZE: bytes of local memory it uses statically
 */
record ClKernel(cl_kernel handle, String name, long maxWorkGroupSize, long localMemory) {
    /** The largest power of two that is at most {@code cap} and the kernel's work-group limit. */
    int powerOfTwoGroupSize(int cap) {
        long limit = Math.min(cap, maxWorkGroupSize);
        int size = 1;
        while (size * 2L <= limit) size *= 2;
        return size;
    }
}
