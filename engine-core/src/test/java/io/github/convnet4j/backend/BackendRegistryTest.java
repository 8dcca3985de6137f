package io.github.convnet4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device selection: auto's order and skips, explicit names, and the errors' wording.
 *
 * <p>Equivalent mutants left alone: {@code colon < 0} to {@code <= 0} when splitting {@code name:id}
 * (a device starting with ':' names no backend either way, and the error quotes the device as given);
 * dropping the signal-handler takeover warning after open: the test JVMs preload libjsig, so nothing
 * can take the handlers and there is no warning to log (JvmSignalHandlersTest covers the detection).
 */
class BackendRegistryTest {
    private static final class Fake implements BackendProvider {
        final String name; final int priority; final Probe probe;
        Fake(String name, int priority, Probe probe) { this.name = name; this.priority = priority; this.probe = probe; }
        @Override public String name() { return name; }
        @Override public int priority() { return priority; }
        @Override public Probe probe() { return probe; }
        @Override public List<DeviceInfo> devices() { return List.of(); }
        @Override public Backend open(String deviceId) {
            return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (p, m, a) -> switch (m.getName()) {
                case "name" -> name;
                case "description" -> name + (deviceId.isEmpty() ? "" : ":" + deviceId);
                default -> null;
            });
        }
    }

    private final BackendRegistry registry = new BackendRegistry(List.of(
            new Fake("cpu", 100, Probe.available("2 threads")),
            new Fake("cuda", 300, Probe.unavailable("no NVIDIA driver: libcuda.so.1 not found")),
            new Fake("opencl", 200, Probe.availableButNotForAuto("PoCL; CPU-only OpenCL"))));

    @Test
    void autoSkipsUnavailableAndNotForAutoBackendsWithReasons() {
        List<String> log = new ArrayList<>();
        Backend b = registry.open("auto", log::add);
        assertEquals("cpu", b.name());
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.get(0).contains("skipping cuda: no NVIDIA driver"), log.get(0));
        assertTrue(log.get(1).contains("skipping opencl: PoCL; CPU-only OpenCL (ask for it with --device opencl)"), log.get(1));
    }

    @Test
    void explicitNameOpensANotForAutoBackendWithItsIdAndSaysSo() {
        List<String> log = new ArrayList<>();
        Backend b = registry.open("OpenCL:0:1", log::add);
        assertEquals("opencl:0:1", b.description());
        assertEquals(List.of("device: opencl:0:1"), log);
    }

    @Test
    void noDeviceMeansAuto() {
        List<String> log = new ArrayList<>();
        assertEquals("cpu", registry.open(null, log::add).name());
        assertEquals("device: cpu (auto)", log.get(log.size() - 1));
    }

    @Test
    void unavailableOrUnknownBackendsFailWithReasonAndChoices() {
        BackendException e = assertThrows(BackendException.class, () -> registry.open("cuda", line -> { }));
        assertEquals("cuda is not available: no NVIDIA driver: libcuda.so.1 not found; available: opencl, cpu", e.getMessage());
        BackendException u = assertThrows(BackendException.class, () -> registry.open("tpu", line -> { }));
        assertEquals("unknown device 'tpu' (choose auto, cuda, opencl, cpu)", u.getMessage());
    }

    @Test
    void probeCannotBeForAutoWhenUnavailable() {
        assertEquals(false, new Probe(false, "x", true).forAuto());
    }
}
