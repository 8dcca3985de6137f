package io.github.convnet4j.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseProgram;

import io.github.convnet4j.backend.BackendException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * Programs built on one context, keyed by the SHA-256 of the source, the build options and the
 * device, so each is compiled once per context however many ops ask for it. Compilation is slow
 * (seconds on PoCL), which is why programs are built lazily, the first time an op needs one.
 */
final class ProgramCache implements AutoCloseable {
    private final cl_context context;
    private final ClDevice device;
    private final Map<String, ClProgram> programs = new HashMap<>();
    private int builds;
    private int hits;

    ProgramCache(cl_context context, ClDevice device) {
        this.context = context;
        this.device = device;
    }

    /** The program of an op family ({@code kernels/opencl/<family>.cl}) built with {@code options}. */
    ClProgram family(String family, String options) {
        return program("kernels/opencl/" + family + ".cl", KernelSources.family(family), options);
    }

    /**
     * The program built from {@code source}; built now unless an identical one is cached.
     *
     * @param label names the source in errors
     * @throws BackendException carrying the compiler's build log when the build fails
     */
    ClProgram program(String label, String source, String options) {
        String key = sha256(source) + "|" + options + "|" + device.name() + "|" + device.driverVersion();
        ClProgram cached = programs.get(key);
        if (cached != null) {
            hits++;
            return cached;
        }
        ClProgram built = build(label, source, options);
        builds++;
        programs.put(key, built);
        return built;
    }

    /** Number of programs compiled so far. */
    int builds() { return builds; }

    /** Number of requests answered from the cache. */
    int hits() { return hits; }

    private ClProgram build(String label, String source, String options) {
        cl_device_id[] devices = {device.device()};
        cl_program program;
        try {
            program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        } catch (CLException e) {
            throw new BackendException("opencl: cannot create program " + label + " on " + device.name() + ": " + e.getMessage(), e);
        }
        try {
            clBuildProgram(program, 1, devices, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            clReleaseProgram(program);
            // JOCL's own message repeats the log, so only the status name goes before it.
            throw new BackendException("opencl: building " + label + " for " + device.name() + " failed ("
                    + CL.stringFor_errorCode(e.getStatus()) + "); build log:\n" + log, e);
        }
        return new ClProgram(program, device.device(), label);
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
            int n = 0;
            while (n < bytes.length && bytes[n] != 0) n++;
            String log = new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
            return log.isEmpty() ? "(empty build log)" : log;
        } catch (CLException e) {
            return "(build log unavailable: " + e.getMessage() + ")";
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override public void close() {
        for (ClProgram p : programs.values()) p.close();
        programs.clear();
    }
}
