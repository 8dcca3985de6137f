package io.github.convnet4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;
import io.github.convnet4j.conformance.BackendRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provider behaviour: probe reasons for each way OpenCL can be missing (driven through the probe's
 * decision functions, since this machine cannot uninstall its driver mid-test), device listing and
 * the {@code --device opencl[:id]} forms.
 */
class ProviderTest {
    @Test
    void registeredAsServiceWithNameAndPriority() {
        BackendProvider p = BackendRegistry.discover().provider("opencl");
        assertNotNull(p, "META-INF/services lists the OpenCL provider");
        assertEquals(OpenClBackendProvider.class, p.getClass());
        assertEquals(200, p.priority());
    }

    @Test
    void missingIcdLoaderIsNamed() {
        Probe p = OpenClProbe.fromLoadFailure(new UnsatisfiedLinkError("Could not initialize native OpenCL library. Implementation library could not be loaded"));
        assertFalse(p.available());
        assertTrue(p.reason().startsWith("libOpenCL.so not found (install an OpenCL ICD loader and driver, e.g. ocl-icd-libopencl1 + pocl-opencl-icd)"), p.reason());
        // A second attempt after a failed static initializer surfaces as NoClassDefFoundError.
        assertTrue(OpenClProbe.fromLoadFailure(new NoClassDefFoundError("Could not initialize class org.jocl.CL")).reason().startsWith("libOpenCL.so not found"));
        // JOCL's own JNI library failing to unpack or load is a different fix.
        Probe jni = OpenClProbe.fromLoadFailure(new UnsatisfiedLinkError("Error while loading native library \"JOCL_2_0_5-linux-x86_64\""));
        assertTrue(jni.reason().startsWith("JOCL's native library could not be loaded"), jni.reason());
    }

    @Test
    void noPlatformAndNoDeviceAreNamed() {
        Probe none = OpenClProbe.fromDiscovery(new ClDevices.Discovery(0, List.of()), d -> null);
        assertFalse(none.available());
        assertTrue(none.reason().startsWith("no OpenCL platform found"), none.reason());
        Probe empty = OpenClProbe.fromDiscovery(new ClDevices.Discovery(2, List.of()), d -> null);
        assertFalse(empty.available());
        assertEquals("no OpenCL device found (2 platforms)", empty.reason());
    }

    @Test
    void compilerFailureReportsTheFirstLineOfTheBuildLog() {
        ClDevice fake = fakeDevice(0, 0, "GPU");
        Probe p = OpenClProbe.fromDiscovery(new ClDevices.Discovery(1, List.of(fake)),
                d -> "opencl: building x for y failed (CL_BUILD_PROGRAM_FAILURE); build log:\n<source>:1:5: error: unknown type name 'flot'\nmore\n");
        assertFalse(p.available());
        assertTrue(p.reason().endsWith("cannot build a test kernel: <source>:1:5: error: unknown type name 'flot'"), p.reason());
    }

    @Test
    void cpuOnlyOpenClIsUsableButNotPickedByAuto() {
        Probe cpu = OpenClProbe.fromDiscovery(new ClDevices.Discovery(1, List.of(fakeDevice(0, 0, "CPU"))), d -> null);
        assertTrue(cpu.available());
        assertFalse(cpu.forAuto());
        assertTrue(cpu.reason().contains("CPU-only OpenCL"), cpu.reason());
        Probe gpu = OpenClProbe.fromDiscovery(new ClDevices.Discovery(1, List.of(fakeDevice(0, 0, "CPU"), fakeDevice(0, 1, "GPU"))), d -> null);
        assertTrue(gpu.available());
        assertTrue(gpu.forAuto());
        assertTrue(gpu.reason().startsWith("2 devices; default opencl:0:1 fake GPU"), gpu.reason());
        assertFalse(gpu.reason().contains("CPU-only"), gpu.reason());
    }

    @Test
    void probeOnThisMachine() {
        Probe p = SharedOpenCl.PROVIDER.probe();
        assertNotNull(p.reason());
        assertFalse(p.reason().isBlank());
        assertSame(p, SharedOpenCl.PROVIDER.probe(), "probing runs once per JVM");
        BackendRequirement.assumeAvailable(SharedOpenCl.PROVIDER);
        assertTrue(p.reason().contains("default opencl:"), p.reason());
    }

    @Test
    void devicesListEveryDeviceWithItsProperties() {
        BackendRequirement.assumeAvailable(SharedOpenCl.PROVIDER);
        List<DeviceInfo> devices = SharedOpenCl.PROVIDER.devices();
        assertFalse(devices.isEmpty());
        for (DeviceInfo d : devices) {
            assertTrue(d.id().matches("\\d+:\\d+"), d.id());
            assertFalse(d.name().isBlank());
            String props = String.join("; ", d.properties());
            for (String key : List.of("type ", "global memory ", "compute units ", "max work-group size ", "local memory ", "OpenCL "))
                assertTrue(props.contains(key), key + " missing from " + props);
        }
    }

    @Test
    void deviceSelection() {
        ClDevice cpu0 = fakeDevice(0, 0, "CPU"), gpu1 = fakeDevice(1, 0, "GPU"), gpu2 = fakeDevice(1, 1, "GPU");
        List<ClDevice> all = List.of(cpu0, gpu1, gpu2);
        assertSame(gpu1, OpenClBackendProvider.select(all, ""), "default: the first GPU");
        assertSame(cpu0, OpenClBackendProvider.select(List.of(cpu0), ""), "default without GPU: the first device");
        assertSame(gpu2, OpenClBackendProvider.select(all, "1:1"));
        assertSame(cpu0, OpenClBackendProvider.select(all, "0:0"));
        assertSame(gpu2, OpenClBackendProvider.select(all, "2"), "a single index counts over all platforms");
        BackendException missing = assertThrows(BackendException.class, () -> OpenClBackendProvider.select(all, "0:1"));
        assertTrue(missing.getMessage().contains("no device '0:1'") && missing.getMessage().contains("1:1 fake"), missing.getMessage());
        assertThrows(BackendException.class, () -> OpenClBackendProvider.select(all, "3"));
        assertTrue(assertThrows(BackendException.class, () -> OpenClBackendProvider.select(all, "gpu")).getMessage().contains("bad device id"));
        assertNull(OpenClBackendProvider.defaultDevice(List.of()));
    }

    private static ClDevice fakeDevice(int platform, int device, String type) {
        return new ClDevice(platform, device, null, null, "fake platform", "fake " + type, type,
                1L << 30, 1L << 28, 4, 256, 32768, "OpenCL 1.2 fake", "1.0");
    }
}
