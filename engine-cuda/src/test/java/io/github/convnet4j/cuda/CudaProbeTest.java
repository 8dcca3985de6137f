package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider on any machine: the probe never throws and always explains itself; where no
 * NVIDIA driver is installed the reason says libcuda.so.1 is missing and open() fails with that
 * reason; where CUDA is available the reason and open() name the device and library versions.
 */
class CudaProbeTest {
    private final CudaBackendProvider provider = new CudaBackendProvider();

    @Test void providerIsDiscoveredWithNameAndPriority() {
        BackendProvider found = BackendRegistry.discover().provider("cuda");
        assertNotNull(found, "META-INF/services must list the CUDA provider");
        assertEquals(CudaBackendProvider.class, found.getClass());
        assertEquals(300, found.priority());
    }

    @Test void probeAlwaysGivesAReasonAndIsStable() {
        Probe first = provider.probe();
        assertNotNull(first.reason());
        assertFalse(first.reason().isBlank(), "the probe must say why");
        assertFalse(first.reason().contains("\n"), "the reason is one line: " + first.reason());
        assertEquals(first, provider.probe(), "a second probe must report the same (JNI loading cannot be retried)");
        assertNotNull(provider.devices());
    }

    @Test void withoutDriverTheReasonNamesLibcudaAndOpenFailsWithIt() {
        Probe probe = provider.probe();
        if (probe.available()) {
            assertTrue(driverLibraryPresent(), "CUDA available although no libcuda.so.1 was found in the usual places");
            return;
        }
        if (!driverLibraryPresent()) {
            assertTrue(probe.reason().contains("libcuda.so.1"), "no driver installed, so the reason must name libcuda.so.1: " + probe.reason());
            assertEquals("no NVIDIA driver: libcuda.so.1 not found", probe.reason());
            assertTrue(provider.devices().isEmpty(), "no driver, so no devices");
        }
        BackendException e = assertThrows(BackendException.class, () -> provider.open(""));
        assertTrue(e.getMessage().contains(probe.reason()), "open() must carry the probe's reason: " + e.getMessage());
        BackendException viaRegistry = assertThrows(BackendException.class, () -> BackendRegistry.discover().open("cuda", line -> { }));
        assertTrue(viaRegistry.getMessage().contains(probe.reason()), viaRegistry.getMessage());
    }

    @Test void whenAvailableTheReasonAndDescriptionNameDeviceAndVersions() {
        Probe probe = provider.probe();
        if (!probe.available()) return;  // covered by the test above
        for (String piece : List.of("compute capability", "driver CUDA", "cuBLAS", "cuDNN")) {
            assertTrue(probe.reason().contains(piece), "reason lacks '" + piece + "': " + probe.reason());
        }
        List<DeviceInfo> devices = provider.devices();
        assertFalse(devices.isEmpty());
        assertEquals("0", devices.get(0).id());
        try (Backend b = provider.open("0")) {
            assertTrue(b.description().startsWith("cuda:0 ("), b.description());
            assertTrue(b.description().contains("TF32 off"), "TF32 must be off by default: " + b.description());
            String pooling = CudaBackendProvider.cudnnPooling(System.getProperty(CudaBackendProvider.POOL_PROPERTY)) ? "pooling cuDNN" : "pooling pool.cu";
            assertTrue(b.description().contains(pooling), "-D" + CudaBackendProvider.POOL_PROPERTY + " must decide the pooling: " + b.description());
        }
        assertThrows(BackendException.class, () -> provider.open("x"));
        assertThrows(BackendException.class, () -> provider.open(Integer.toString(devices.size() + 7)));
    }

    /** Whether libcuda.so.1 exists where the dynamic linker would look for it. */
    static boolean driverLibraryPresent() {
        List<String> dirs = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu",
                "/lib64", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/lib/wsl/lib"));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) for (String d : ld.split(File.pathSeparator)) if (!d.isEmpty()) dirs.add(d);
        for (String d : dirs) if (Files.exists(Path.of(d, "libcuda.so.1"))) return true;
        return false;
    }
}
