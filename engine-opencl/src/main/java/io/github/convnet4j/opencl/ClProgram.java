package io.github.convnet4j.opencl;

import static org.jocl.CL.CL_KERNEL_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import io.github.convnet4j.backend.BackendException;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** A program built for one device, and the kernels created from it (each created once). */
final class ClProgram implements AutoCloseable {
    private final cl_program program;
    private final cl_device_id device;
    private final String label;
    private final Map<String, ClKernel> kernels = new HashMap<>();
    private boolean closed;

    ClProgram(cl_program program, cl_device_id device, String label) {
        this.program = program;
        this.device = device;
        this.label = label;
    }

    /** What the program was built from, e.g. {@code kernels/opencl/gemm.cl}. */
    String label() { return label; }

    /**
     * The kernel with this function name.
     *
     * @throws BackendException when the program has no such kernel
     */
    ClKernel kernel(String name) {
        ClKernel k = kernels.get(name);
        if (k != null) return k;
        try {
            cl_kernel handle = clCreateKernel(program, name, null);
            long[] wg = new long[1];
            clGetKernelWorkGroupInfo(handle, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(wg), null);
            long[] local = new long[1];
            clGetKernelWorkGroupInfo(handle, device, CL_KERNEL_LOCAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(local), null);
            k = new ClKernel(handle, name, wg[0], local[0]);
        } catch (CLException e) {
            throw new BackendException("opencl: cannot create kernel " + name + " from " + label + ": " + e.getMessage(), e);
        }
        kernels.put(name, k);
        return k;
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        for (ClKernel k : kernels.values()) clReleaseKernel(k.handle());
        kernels.clear();
        clReleaseProgram(program);
    }
}
