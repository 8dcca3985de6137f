package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.PrivateNativeDir;
import io.github.convnet4j.backend.Probe;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcudnn.JCudnn;
import jcuda.nvrtc.JNvrtc;

/**
 * Finds out, once per JVM, whether CUDA can run here and why not, piece by piece: the driver
 * (libcuda.so.1), a device, its compute capability, cuBLAS (libcublas.so.12), cuDNN
 * (libcudnn.so.9) and NVRTC (libnvrtc.so.12, or precompiled PTX). Never throws: every JCuda class
 * is first touched inside a {@code catch (Throwable)}, because loading one without its system
 * library throws {@link UnsatisfiedLinkError}. The result is cached because a JNI library that
 * failed to load cannot be retried in the same JVM.
 */
final class CudaProbe {
    /** cuDNN 9 supports compute capability 5.0 and newer. */
    static final int MIN_CC_MAJOR = 5;
    /** JCuda 12.6's cuBLAS/cuDNN bindings need a driver for CUDA 12.0 or newer. */
    static final int MIN_DRIVER = 12000;

    /**
     * What the probe found.
     *
     * @param probe          availability with the one-line reason
     * @param devices        the devices (eligible or not, with their facts); empty when no driver
     * @param nvrtcAvailable whether kernels are compiled with NVRTC (else precompiled PTX)
     */
    record Result(Probe probe, List<DeviceInfo> devices, boolean nvrtcAvailable) {}

    private static volatile Result cached;

    private CudaProbe() {}

    /** The probe result, computed on the first call. */
    static Result get() {
        Result r = cached;
        if (r == null) {
            synchronized (CudaProbe.class) {
                r = cached;
                if (r == null) cached = r = safely();
            }
        }
        return r;
    }

    private static Result safely() {
        try {
            // Every JCuda class that loads a JNI library is first touched inside run(), so all of
            // them extract into a private directory, never to a fixed name in /tmp.
            return PrivateNativeDir.run(CudaProbe::run);
        } catch (Throwable t) {
            return unavailable("CUDA probe failed unexpectedly: " + NativeLoadErrors.summary(t), List.of());
        }
    }

    private static Result run() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
        } catch (Throwable t) {
            String missing = NativeLoadErrors.missingLibrary(t);
            if ("libcuda.so.1".equals(missing)) return unavailable("no NVIDIA driver: libcuda.so.1 not found", List.of());
            return unavailable("cannot load JCuda's driver bindings: " + NativeLoadErrors.summary(t), List.of());
        }
        String driver = CudaVersions.driver();
        int init = JCudaDriver.cuInit(0);
        if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
            return unavailable("NVIDIA driver " + driver + " found but no CUDA device (cuInit: " + CudaErrors.driverName(init) + ")", List.of());
        }
        if (init != CUresult.CUDA_SUCCESS) {
            return unavailable("cuInit failed with NVIDIA driver " + driver + ": " + CudaErrors.driverName(init), List.of());
        }
        if (CudaVersions.driverInt() < MIN_DRIVER) {
            return unavailable("the NVIDIA driver supports CUDA " + driver + "; CUDA 12.0 or newer is needed (update the driver)", List.of());
        }
        int[] count = new int[1];
        int r = JCudaDriver.cuDeviceGetCount(count);
        if (r != CUresult.CUDA_SUCCESS || count[0] == 0) {
            return unavailable("no CUDA device (driver " + driver + (r != CUresult.CUDA_SUCCESS ? ", cuDeviceGetCount: " + CudaErrors.driverName(r) : "") + ")", List.of());
        }

        List<String[]> facts = new ArrayList<>();  // {id, name, cc, memory, SMs, eligible}
        String firstDevice = null;
        for (int i = 0; i < count[0]; i++) {
            CUdevice d = new CUdevice();
            if (JCudaDriver.cuDeviceGet(d, i) != CUresult.CUDA_SUCCESS) continue;
            int major = attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            long[] mem = new long[1];
            JCudaDriver.cuDeviceTotalMem(mem, d);
            String cc = major + "." + minor;
            facts.add(new String[] {Integer.toString(i), CudaVersions.deviceName(d), cc, CudaDevice.mib(mem[0]),
                    Integer.toString(attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)),
                    Boolean.toString(major >= MIN_CC_MAJOR)});
            if (firstDevice == null) firstDevice = CudaVersions.deviceName(d) + " has compute capability " + cc;
        }
        boolean anyEligible = facts.stream().anyMatch(f -> Boolean.parseBoolean(f[5]));
        String versions = "driver CUDA " + driver;
        if (!anyEligible) {
            return unavailable((firstDevice == null ? "no usable CUDA device" : firstDevice) + ", too old: cuDNN 9 needs 5.0 or newer", devices(facts, versions));
        }

        String cublas;
        try {
            JCublas2.setExceptionsEnabled(false);
            cublas = CudaVersions.cublas();
        } catch (Throwable t) {
            return unavailable(missing(t, "libcublas.so.12", "cuBLAS for CUDA 12") + " (" + versions + ")", devices(facts, versions));
        }
        if (cublas.equals("?")) {
            return unavailable("libcublas.so.12 loads but cublasGetProperty fails (a broken or mismatched cuBLAS; " + versions + ")", devices(facts, versions));
        }
        versions += ", cuBLAS " + cublas;

        String cudnn;
        try {
            JCudnn.setExceptionsEnabled(false);
            long v = JCudnn.cudnnGetVersion();
            if (CudaVersions.cudnnMajor(v) < 9) {
                return unavailable("cuDNN " + CudaVersions.decodeCudnn(v) + " found; cuDNN 9 is needed (" + versions + ")", devices(facts, versions));
            }
            cudnn = CudaVersions.cudnn() + " (built for CUDA " + CudaVersions.cudnnCudart() + ")";
        } catch (Throwable t) {
            return unavailable(missing(t, "libcudnn.so.9", "cuDNN 9 for CUDA 12") + " (" + versions + ")", devices(facts, versions));
        }
        versions += ", cuDNN " + cudnn;

        String nvrtcProblem;
        try {
            JNvrtc.setExceptionsEnabled(false);
            nvrtcProblem = KernelCompiler.nvrtcProblem();
        } catch (Throwable t) {
            nvrtcProblem = missing(t, "libnvrtc.so.12", "NVRTC for CUDA 12");
        }
        boolean nvrtc = nvrtcProblem == null;
        if (nvrtc) {
            versions += ", NVRTC " + KernelCompiler.nvrtcVersion();
        } else if (precompiledKernelsPresent()) {
            versions += ", precompiled PTX kernels (" + nvrtcProblem + ")";
        } else {
            return unavailable(nvrtcProblem + " and no precompiled PTX kernels are on the class path (" + versions + ")", devices(facts, versions));
        }

        String[] first = facts.stream().filter(f -> Boolean.parseBoolean(f[5])).findFirst().orElseThrow();
        String reason = first[1] + " (compute capability " + first[2] + ", " + first[3] + ")"
                + (facts.size() > 1 ? " and " + (facts.size() - 1) + " more" : "") + "; " + versions;
        return new Result(Probe.available(reason), devices(facts, versions), nvrtc);
    }

    private static String missing(Throwable t, String expected, String what) {
        String lib = NativeLoadErrors.missingLibrary(t);
        if (lib != null) return lib + " not found (" + what + " is needed)";
        return "cannot load " + what + " bindings: " + NativeLoadErrors.summary(t) + " (expected " + expected + ")";
    }

    static boolean precompiledKernelsPresent() {
        for (String family : CudaBackend.KERNEL_FAMILIES) if (!KernelCompiler.hasPrecompiled(family)) return false;
        return true;
    }

    private static int attribute(CUdevice d, int which) {
        int[] v = new int[1];
        return JCudaDriver.cuDeviceGetAttribute(v, which, d) == CUresult.CUDA_SUCCESS ? v[0] : -1;
    }

    private static List<DeviceInfo> devices(List<String[]> facts, String versions) {
        List<DeviceInfo> out = new ArrayList<>();
        for (String[] f : facts) {
            List<String> props = new ArrayList<>();
            props.add("compute capability " + f[2] + (Boolean.parseBoolean(f[5]) ? "" : " (too old: 5.0 or newer needed)"));
            props.add("memory " + f[3]);
            props.add(f[4] + " multiprocessors");
            for (String v : versions.split(", ")) props.add(v);
            props.add("JCuda " + jcudaVersion());
            out.add(new DeviceInfo(f[0], f[1], props));
        }
        return out;
    }

    private static String jcudaVersion() {
        try {
            return jcuda.JCudaVersion.get();
        } catch (Throwable t) {
            return "?";
        }
    }

    private static Result unavailable(String reason, List<DeviceInfo> devices) {
        return new Result(Probe.unavailable(reason), devices, false);
    }
}
