package io.github.convnet4j.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import io.github.convnet4j.backend.BackendException;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Discovery of OpenCL platforms and devices through JOCL. Loading JOCL dlopens libOpenCL.so, so
 * the first call may throw {@link UnsatisfiedLinkError} (or {@link NoClassDefFoundError} after a
 * failed first attempt); {@link OpenClProbe} turns those into reasons.
 */
final class ClDevices {
    private ClDevices() {}

    /**
     * What discovery found.
     *
     * @param platforms number of platforms (installed drivers)
     * @param devices   every device of every platform, in platform then device order
     */
    record Discovery(int platforms, List<ClDevice> devices) {}

    /** Every device of every platform, in platform then device order; empty when there is none. */
    static List<ClDevice> enumerate() {
        return discover().devices();
    }

    /** The platforms and their devices. */
    static Discovery discover() {
        try {
            OpenClBackendProvider.loadNatives();
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BackendException("opencl: cannot create a private directory for JOCL's native library: " + e.getMessage(), e);
        }
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        try {
            clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            // The ICD loader reports "no platform" as CL_PLATFORM_NOT_FOUND_KHR rather than zero.
            return new Discovery(0, List.of());
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        if (platforms.length == 0) return new Discovery(0, List.of());
        clGetPlatformIDs(platforms.length, platforms, null);
        List<ClDevice> all = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            cl_device_id[] devices = devicesOf(platforms[p]);
            String platformName = platformString(platforms[p], CL_PLATFORM_NAME);
            for (int d = 0; d < devices.length; d++) {
                cl_device_id dev = devices[d];
                all.add(new ClDevice(p, d, platforms[p], dev, platformName,
                        deviceString(dev, CL_DEVICE_NAME), typeName(deviceLong(dev, CL_DEVICE_TYPE)),
                        deviceLong(dev, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(dev, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                        deviceInt(dev, CL_DEVICE_MAX_COMPUTE_UNITS), deviceSize(dev, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                        deviceLong(dev, CL_DEVICE_LOCAL_MEM_SIZE), deviceString(dev, CL_DEVICE_VERSION),
                        deviceString(dev, CL_DRIVER_VERSION)));
            }
        }
        return new Discovery(platforms.length, List.copyOf(all));
    }

    private static cl_device_id[] devicesOf(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            if (e.getStatus() == CL_DEVICE_NOT_FOUND) return new cl_device_id[0];
            throw e;
        }
        cl_device_id[] devices = new cl_device_id[count[0]];
        if (devices.length > 0) clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
        return devices;
    }

    static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) return "GPU";
        if ((type & CL_DEVICE_TYPE_CPU) != 0) return "CPU";
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) return "ACCELERATOR";
        return "OTHER";
    }

    static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    /** A cl_ulong property. */
    static long deviceLong(cl_device_id device, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    /** A cl_uint property. */
    static int deviceInt(cl_device_id device, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0];
    }

    /** A size_t property. */
    static long deviceSize(cl_device_id device, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) n++;
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }
}
