package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The project's own kernels on one device: each family ({@code elementwise}, {@code loss}, ...) is
 * compiled on first use ({@link KernelCompiler}) and loaded as a module into the device's context;
 * functions are looked up once and launched on the device's stream.
 */
final class CudaKernels implements AutoCloseable {
    /** Threads per block for every launch; kernels that reduce per block assume a multiple of 32. */
    static final int BLOCK = 256;
    /** Most blocks a reduction pass may use, i.e. the number of partial sums it leaves. */
    static final int MAX_REDUCTION_BLOCKS = 1024;
    /** A null device pointer for optional kernel arguments. */
    static final CUdeviceptr NULL = new CUdeviceptr();

    private final CudaDevice device;
    private final boolean nvrtcAvailable;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<String, String> targets = new HashMap<>();
    private final Map<String, List<KernelSignatures.Kind>> signatures = new HashMap<>();
    private final int maxBlocks;

    CudaKernels(CudaDevice device, boolean nvrtcAvailable, int multiprocessors) {
        this.device = device;
        this.nvrtcAvailable = nvrtcAvailable;
        this.maxBlocks = Math.max(1, multiprocessors) * 32;
    }

    /** Blocks for a grid-stride elementwise kernel over n items. */
    int gridFor(long n) {
        return (int) Math.max(1, Math.min((n + BLOCK - 1) / BLOCK, maxBlocks));
    }

    /** Blocks for a reduction pass over n items; at most {@link #MAX_REDUCTION_BLOCKS}. */
    static int reductionGridFor(long n) {
        return (int) Math.max(1, Math.min((n + BLOCK - 1) / BLOCK, MAX_REDUCTION_BLOCKS));
    }

    /**
     * Launches {@code family/name} with {@code grid} blocks of {@link #BLOCK} threads. Arguments:
     * {@link CUdeviceptr} (a device pointer; {@link #NULL} for none), Integer, Long, Float, Double,
     * in the kernel's parameter order.
     */
    void launch(String family, String name, int grid, Object... args) {
        CUfunction f = function(family, name);
        KernelSignatures.check(family + "/" + name, signatures.get(family + "/" + name), args);
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) params[i] = parameter(args[i], family, name, i);
        int r = JCudaDriver.cuLaunchKernel(f, grid, 1, 1, BLOCK, 1, 1, 0, device.stream(), Pointer.to(params), null);
        CudaErrors.driver(r, "launch " + family + "/" + name, grid + " blocks of " + BLOCK, device.label());
    }

    /** Compiles and loads every family now (tests; a CLI warm-up could use it too). */
    void loadAll() {
        for (String family : CudaBackend.KERNEL_FAMILIES) module(family);
    }

    /** How the family was built (CUBIN / PTX and NVRTC version), or null if not loaded yet. */
    String target(String family) { return targets.get(family); }

    private static Pointer parameter(Object a, String family, String name, int index) {
        if (a instanceof CUdeviceptr p) return Pointer.to(p);
        if (a instanceof Integer v) return Pointer.to(new int[] {v});
        if (a instanceof Long v) return Pointer.to(new long[] {v});
        if (a instanceof Float v) return Pointer.to(new float[] {v});
        if (a instanceof Double v) return Pointer.to(new double[] {v});
        throw new IllegalArgumentException("kernel " + family + "/" + name + " argument " + index + " has unsupported type "
                + (a == null ? "null" : a.getClass().getName()));
    }

    private CUfunction function(String family, String name) {
        String key = family + "/" + name;
        CUfunction f = functions.get(key);
        if (f != null) return f;
        CUmodule m = module(family);
        if (!signatures.containsKey(key)) {
            throw new BackendException("cuda kernels: " + KernelCompiler.RESOURCE_DIR + family + ".cu has no extern \"C\" __global__ " + name);
        }
        f = new CUfunction();
        int r = JCudaDriver.cuModuleGetFunction(f, m, name);
        CudaErrors.driver(r, "find kernel " + key, "is it declared extern \"C\" __global__?", device.label());
        functions.put(key, f);
        return f;
    }

    private CUmodule module(String family) {
        CUmodule m = modules.get(family);
        if (m != null) return m;
        KernelCompiler.Image image = KernelCompiler.compile(family, device.ccMajor(), device.ccMinor(), nvrtcAvailable);
        m = new CUmodule();
        int r = JCudaDriver.cuModuleLoadData(m, image.bytes());
        if (r == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
            throw new BackendException("cuda kernels: the NVIDIA driver (" + device.driverVersion() + ") is older than the "
                    + image.target() + " it was given for " + family + ".cu; update the driver");
        }
        CudaErrors.driver(r, "load module " + family, image.target(), device.label());
        modules.put(family, m);
        targets.put(family, image.target());
        String file = KernelCompiler.RESOURCE_DIR + family + ".cu";
        KernelSignatures.parse(KernelCompiler.readResource(file), file).forEach((k, v) -> signatures.put(family + "/" + k, v));
        return m;
    }

    @Override public void close() {
        for (CUmodule m : modules.values()) JCudaDriver.cuModuleUnload(m);
        modules.clear();
        functions.clear();
    }
}
