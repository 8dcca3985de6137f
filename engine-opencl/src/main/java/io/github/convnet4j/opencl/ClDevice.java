package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.DeviceInfo;
import java.util.List;
import java.util.Locale;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as found at discovery, with the limits the backend sizes its kernels by.
 *
 * @param platformIndex    index of the platform in {@code clGetPlatformIDs}
 * @param deviceIndex      index of the device within its platform
 * @param platform         the platform handle
 * @param device           the device handle
 * @param platformName     CL_PLATFORM_NAME
 * @param name             CL_DEVICE_NAME
 * @param type             GPU, CPU, ACCELERATOR or OTHER
 * @param globalMemory     CL_DEVICE_GLOBAL_MEM_SIZE in bytes
 * @param maxAllocation    CL_DEVICE_MAX_MEM_ALLOC_SIZE in bytes
 * @param computeUnits     CL_DEVICE_MAX_COMPUTE_UNITS
 * @param maxWorkGroupSize CL_DEVICE_MAX_WORK_GROUP_SIZE
 * @param localMemory      CL_DEVICE_LOCAL_MEM_SIZE in bytes
 * @param version          CL_DEVICE_VERSION, e.g. {@code OpenCL 3.0 PoCL ...}
 * @param driverVersion    CL_DRIVER_VERSION
 */
public record ClDevice(int platformIndex, int deviceIndex, cl_platform_id platform, cl_device_id device,
                       String platformName, String name, String type, long globalMemory, long maxAllocation,
                       int computeUnits, long maxWorkGroupSize, long localMemory, String version,
                       String driverVersion) {

    /** The id used in {@code --device opencl:<id>}: {@code "<platform>:<device>"}. */
    public String id() { return platformIndex + ":" + deviceIndex; }

    /** What {@code convnet devices} prints for this device. */
    public DeviceInfo toDeviceInfo() {
        return new DeviceInfo(id(), name, List.of(
                "type " + type,
                "platform " + platformName,
                String.format(Locale.ROOT, "global memory %.1f GiB", globalMemory / (double) (1L << 30)),
                "compute units " + computeUnits,
                "max work-group size " + maxWorkGroupSize,
                String.format(Locale.ROOT, "local memory %d KiB", localMemory / 1024),
                version));
    }

    /** One line for {@link io.github.convnet4j.backend.Backend#description()}. */
    public String describe() {
        return String.format(Locale.ROOT, "opencl:%s %s (%s, %s, %d compute units, %.1f GiB)",
                id(), name, type, platformName, computeUnits, globalMemory / (double) (1L << 30));
    }
}
