package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Compiles the kernel families in {@code kernels/cuda/<family>.cu} (class-path resources) with
 * NVRTC into device code, cached in memory by source hash and target architecture.
 *
 * <p>When NVRTC supports the device's exact architecture the result is a CUBIN ({@code sm_XY}),
 * which an older driver of the same major version still loads; otherwise it is PTX for the newest
 * architecture NVRTC knows ({@code compute_XY}), which the driver JIT-compiles forward. Without
 * NVRTC, a PTX file precompiled at build time ({@code kernels/cuda/ptx/<family>.ptx}) is used if the
 * class path has one.
 */
final class KernelCompiler {
    static final String RESOURCE_DIR = "kernels/cuda/";
    static final String HEADER = "common.cuh";

    /** What was compiled: the image for {@code cuModuleLoadData} and how it was made. */
    record Image(byte[] bytes, String target) {}

    private static final Map<String, Image> CACHE = new ConcurrentHashMap<>();

    private KernelCompiler() {}

    /**
     * Device code of one family for a device of compute capability {@code major.minor}.
     *
     * @throws BackendException with the NVRTC log when the source does not compile
     */
    static Image compile(String family, int major, int minor, boolean nvrtcAvailable) {
        String source = readResource(RESOURCE_DIR + family + ".cu");
        String header = readResource(RESOURCE_DIR + HEADER);
        int arch = major * 10 + minor;
        if (!nvrtcAvailable) return precompiled(family, arch);
        String key = sha256(source + "\u0000" + header) + "@" + arch;
        return CACHE.computeIfAbsent(key, k -> nvrtc(family, source, header, arch));
    }

    /** Whether a precompiled PTX file for the family is on the class path. */
    static boolean hasPrecompiled(String family) {
        return KernelCompiler.class.getClassLoader().getResource(RESOURCE_DIR + "ptx/" + family + ".ptx") != null;
    }

    private static Image precompiled(String family, int arch) {
        String path = RESOURCE_DIR + "ptx/" + family + ".ptx";
        if (!hasPrecompiled(family)) {
            throw new BackendException("cuda kernels: libnvrtc.so.12 is not loadable and there is no precompiled " + path
                    + " on the class path; install the CUDA 12 NVRTC library (cuda-nvrtc-12-x)");
        }
        return new Image(nulTerminated(readResource(path)), "precompiled PTX for compute capability " + arch / 10 + "." + arch % 10);
    }

    private static Image nvrtc(String family, String source, String header, int deviceArch) {
        int[] archs = supportedArchs();
        int target = -1;
        boolean exact = false;
        for (int a : archs) {
            if (a == deviceArch) { target = a; exact = true; }
            else if (a < deviceArch && a > target && !exact) target = a;
        }
        if (target < 0) {
            throw new BackendException("cuda kernels: NVRTC " + nvrtcVersion() + " cannot target compute capability "
                    + deviceArch / 10 + "." + deviceArch % 10 + " (it supports " + describe(archs) + ")");
        }
        String option = exact ? "--gpu-architecture=sm_" + target : "--gpu-architecture=compute_" + target;
        nvrtcProgram program = new nvrtcProgram();
        CudaErrors.nvrtc(JNvrtc.nvrtcCreateProgram(program, source, family + ".cu", 1, new String[] {header}, new String[] {HEADER}),
                "create program", family + ".cu");
        try {
            int result = JNvrtc.nvrtcCompileProgram(program, 2, new String[] {option, "--std=c++14"});
            if (result != nvrtcResult.NVRTC_SUCCESS) {
                throw new BackendException("cuda kernels: " + RESOURCE_DIR + family + ".cu does not compile with NVRTC "
                        + nvrtcVersion() + " (" + option + "): " + nvrtcResult.stringFor(result) + "\n" + log(program));
            }
            if (exact) {
                long[] size = new long[1];
                CudaErrors.nvrtc(JNvrtc.nvrtcGetCUBINSize(program, size), "get CUBIN size", family);
                byte[] cubin = new byte[Math.toIntExact(size[0])];
                CudaErrors.nvrtc(JNvrtc.nvrtcGetCUBIN(program, cubin), "get CUBIN", family);
                return new Image(cubin, "CUBIN sm_" + target + " from NVRTC " + nvrtcVersion());
            }
            String[] ptx = new String[1];
            CudaErrors.nvrtc(JNvrtc.nvrtcGetPTX(program, ptx), "get PTX", family);
            return new Image(nulTerminated(ptx[0]), "PTX compute_" + target + " from NVRTC " + nvrtcVersion());
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    /** Null when NVRTC answers; otherwise why not (a library that loads but fails, e.g. a stub or shim without its target). */
    static String nvrtcProblem() {
        int[] major = new int[1];
        int[] minor = new int[1];
        int r = JNvrtc.nvrtcVersion(major, minor);
        return r == nvrtcResult.NVRTC_SUCCESS ? null : "libnvrtc loads but nvrtcVersion fails with " + nvrtcResult.stringFor(r);
    }

    static String nvrtcVersion() {
        int[] major = new int[1];
        int[] minor = new int[1];
        return JNvrtc.nvrtcVersion(major, minor) == nvrtcResult.NVRTC_SUCCESS ? major[0] + "." + minor[0] : "(version unknown)";
    }

    static int[] supportedArchs() {
        int[] count = new int[1];
        CudaErrors.nvrtc(JNvrtc.nvrtcGetNumSupportedArchs(count), "get number of supported architectures", "");
        int[] archs = new int[count[0]];
        CudaErrors.nvrtc(JNvrtc.nvrtcGetSupportedArchs(archs), "get supported architectures", "");
        return archs;
    }

    private static String describe(int[] archs) {
        if (archs.length == 0) return "none";
        return "sm_" + archs[0] + " to sm_" + archs[archs.length - 1];
    }

    private static String log(nvrtcProgram program) {
        String[] log = new String[1];
        return JNvrtc.nvrtcGetProgramLog(program, log) == nvrtcResult.NVRTC_SUCCESS && log[0] != null ? log[0].strip() : "(no log)";
    }

    static String readResource(String path) {
        try (InputStream in = KernelCompiler.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new BackendException("cuda kernels: class-path resource " + path + " is missing (is the kernels jar on the class path?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendException("cuda kernels: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] nulTerminated(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
