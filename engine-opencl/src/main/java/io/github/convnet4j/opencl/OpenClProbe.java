package io.github.convnet4j.opencl;

import static org.jocl.CL.clReleaseContext;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.Probe;
import java.util.List;
import java.util.function.Function;
import org.jocl.CL;
import org.jocl.cl_context;
import org.jocl.cl_device_id;

/**
 * Decides whether OpenCL can run here, with the reason. The checks go in the order a user would
 * fix them: the ICD loader (libOpenCL.so), a platform (driver), a device, and finally that the
 * device's compiler builds a small kernel.
 */
final class OpenClProbe {
    static final String NO_LIBRARY = "libOpenCL.so not found (install an OpenCL ICD loader and driver, e.g. ocl-icd-libopencl1 + pocl-opencl-icd)";
    static final String NO_PLATFORM = "no OpenCL platform found (install a driver, e.g. pocl-opencl-icd, or check /etc/OpenCL/vendors)";
    static final String NO_DEVICE = "no OpenCL device found";

    /** A kernel small enough to compile in a moment, real enough to exercise the compiler. */
    static final String SMOKE_KERNEL = "__kernel void smoke(__global float* x) { x[get_global_id(0)] *= 2.0f; }\n";

    private OpenClProbe() {}

    /** Runs the checks on this machine. Never throws. */
    static Probe run() {
        ClDevices.Discovery found;
        try {
            found = ClDevices.discover();
        } catch (Throwable t) {
            return fromLoadFailure(t);
        }
        return fromDiscovery(found, OpenClProbe::smokeBuild);
    }

    /**
     * The reason for a failure to load or initialize JOCL / the ICD loader. JOCL first unpacks and
     * loads its own JNI library, then dlopens libOpenCL.so; the two failures need different fixes.
     */
    static Probe fromLoadFailure(Throwable t) {
        String detail = firstLine(t.getMessage());
        boolean linkage = t instanceof UnsatisfiedLinkError || t instanceof NoClassDefFoundError || t instanceof ExceptionInInitializerError;
        if (linkage && detail.contains("JOCL") && !detail.contains("OpenCL library")) {
            return Probe.unavailable("JOCL's native library could not be loaded (is the temp directory writable and executable?): " + detail);
        }
        if (linkage) return Probe.unavailable(NO_LIBRARY + (detail.isEmpty() ? "" : ": " + detail));
        return Probe.unavailable("OpenCL initialization failed: " + t.getClass().getSimpleName() + ": " + detail);
    }

    /**
     * The verdict once discovery succeeded: no device means unavailable; otherwise the default
     * device must build the smoke kernel ({@code build} returns null on success, else the error).
     */
    static Probe fromDiscovery(ClDevices.Discovery found, Function<ClDevice, String> build) {
        if (found.platforms() == 0) return Probe.unavailable(NO_PLATFORM);
        List<ClDevice> devices = found.devices();
        ClDevice chosen = OpenClBackendProvider.defaultDevice(devices);
        if (chosen == null) return Probe.unavailable(NO_DEVICE + " (" + found.platforms() + " platform" + (found.platforms() == 1 ? "" : "s") + ")");
        String error;
        try {
            error = build.apply(chosen);
        } catch (Throwable t) {
            error = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        if (error != null) {
            return Probe.unavailable("the OpenCL compiler of " + chosen.name() + " cannot build a test kernel: " + firstBuildLogLine(error));
        }
        String summary = devices.size() + " device" + (devices.size() == 1 ? "" : "s") + "; default " + chosen.describe();
        // A CPU OpenCL runtime (PoCL) works, but the pure-Java backend is 2-9x faster there, so auto passes it by.
        if (chosen.type().equals("CPU")) {
            return Probe.availableButNotForAuto(summary + "; CPU-only OpenCL: the cpu backend is faster, so auto skips it");
        }
        return Probe.available(summary);
    }

    /** Builds {@link #SMOKE_KERNEL} in a throw-away context; null on success, else the failure. */
    static String smokeBuild(ClDevice device) {
        CL.setExceptionsEnabled(true);
        cl_context context = CL.clCreateContext(null, 1, new cl_device_id[] {device.device()}, null, null, null);
        try (ProgramCache cache = new ProgramCache(context, device)) {
            cache.program("probe smoke kernel", SMOKE_KERNEL, "").kernel("smoke");
            return null;
        } catch (BackendException e) {
            return e.getMessage();
        } finally {
            clReleaseContext(context);
        }
    }

    /** The first line of the build log in a build error (the line after "build log:"), else the first line. */
    static String firstBuildLogLine(String message) {
        if (message == null) return "";
        int at = message.indexOf("build log:\n");
        if (at >= 0) {
            String log = message.substring(at + "build log:\n".length()).strip();
            if (!log.isEmpty()) return firstLine(log);
        }
        return firstLine(message);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
