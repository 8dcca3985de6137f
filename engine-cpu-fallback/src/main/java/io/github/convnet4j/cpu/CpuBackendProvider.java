package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pure-Java backend: always available, priority 100 (the fallback). One device, {@code "0"}:
 * this machine's CPU.
 */
public final class CpuBackendProvider implements BackendProvider {
    @Override public String name() { return "cpu"; }

    @Override public int priority() { return 100; }

    @Override public Probe probe() {
        try {
            return Probe.available(CpuThreads.configuredThreads() + " threads, " + MicroKernels.vectorStatus());
        } catch (Throwable t) {
            // Still usable: the scalar path needs nothing but the JVM.
            return Probe.available("scalar path (" + t + ")");
        }
    }

    @Override public List<DeviceInfo> devices() {
        try {
            return List.of(new DeviceInfo("0", cpuModel(), List.of(
                    Runtime.getRuntime().availableProcessors() + " cores",
                    CpuThreads.configuredThreads() + " threads",
                    MicroKernels.vectorStatus(),
                    "max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB")));
        } catch (Throwable t) {
            return List.of(new DeviceInfo("0", "cpu", List.of()));
        }
    }

    @Override public Backend open(String deviceId) {
        if (deviceId != null && !deviceId.isEmpty() && !deviceId.equals("0")) {
            throw new io.github.convnet4j.backend.BackendException("cpu has one device, \"0\"; got \"" + deviceId + "\"");
        }
        return new CpuBackend();
    }

    /** The "model name" line of /proc/cpuinfo where readable, else os.arch. */
    static String cpuModel() {
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        int colon = line.indexOf(':');
                        if (colon > 0) return line.substring(colon + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the architecture name
        }
        return "cpu (" + System.getProperty("os.arch") + ")";
    }
}
