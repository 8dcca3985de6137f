package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.PrivateNativeDir;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL backend's entry in {@code META-INF/services}: name {@code opencl}, priority 200.
 * Device ids: {@code ""} (the first GPU, else the first device), {@code "<platform>:<device>"}
 * exactly, or a single index counting devices over all platforms in order.
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** Probing loads native code and compiles a kernel, so it happens once per JVM. */
    private static volatile Probe cachedProbe;

    /**
     * Initializes JOCL's {@code CL} class, which extracts and loads JOCL's JNI library, with the
     * extraction going to a private directory ({@link PrivateNativeDir}). Every path into JOCL
     * calls this first; after the first call it costs nothing.
     *
     * @throws UnsatisfiedLinkError (or another Error) when the library cannot be loaded
     */
    static void loadNatives() throws Exception {
        if (nativesLoaded) return;
        synchronized (OpenClBackendProvider.class) {
            if (nativesLoaded) return;
            PrivateNativeDir.run(() -> Class.forName("org.jocl.CL", true, OpenClBackendProvider.class.getClassLoader()));
            nativesLoaded = true;
        }
    }

    private static volatile boolean nativesLoaded;

    @Override public String name() { return "opencl"; }

    @Override public int priority() { return 200; }

    @Override public Probe probe() {
        Probe p = cachedProbe;
        if (p == null) {
            synchronized (OpenClBackendProvider.class) {
                p = cachedProbe;
                if (p == null) {
                    try {
                        p = OpenClProbe.run();
                    } catch (Throwable t) {
                        p = OpenClProbe.fromLoadFailure(t);
                    }
                    cachedProbe = p;
                }
            }
        }
        return p;
    }

    @Override public List<DeviceInfo> devices() {
        try {
            List<DeviceInfo> out = new ArrayList<>();
            for (ClDevice d : ClDevices.enumerate()) out.add(d.toDeviceInfo());
            return out;
        } catch (Throwable t) {
            return List.of();
        }
    }

    @Override public Backend open(String deviceId) {
        Probe p = probe();
        if (!p.available()) throw new BackendException("opencl is not available: " + p.reason());
        List<ClDevice> all;
        try {
            all = ClDevices.enumerate();
        } catch (Throwable t) {
            throw new BackendException("opencl: device discovery failed: " + t.getMessage(), t);
        }
        return new OpenClBackend(select(all, deviceId));
    }

    /** The device {@code id} names among {@code all}; see the class comment for the forms. */
    static ClDevice select(List<ClDevice> all, String id) {
        String spec = id == null ? "" : id.trim();
        if (spec.isEmpty()) {
            ClDevice d = defaultDevice(all);
            if (d == null) throw new BackendException("opencl: no device found");
            return d;
        }
        try {
            int colon = spec.indexOf(':');
            if (colon >= 0) {
                int platform = Integer.parseInt(spec.substring(0, colon));
                int device = Integer.parseInt(spec.substring(colon + 1));
                for (ClDevice d : all) if (d.platformIndex() == platform && d.deviceIndex() == device) return d;
            } else {
                int index = Integer.parseInt(spec);
                if (index >= 0 && index < all.size()) return all.get(index);
            }
        } catch (NumberFormatException e) {
            throw new BackendException("opencl: bad device id '" + spec + "' (use <platform>:<device> or a device index); devices: " + list(all));
        }
        throw new BackendException("opencl: no device '" + spec + "'; devices: " + list(all));
    }

    /** The first GPU, else the first device; null when there is none. */
    static ClDevice defaultDevice(List<ClDevice> all) {
        for (ClDevice d : all) if (d.type().equals("GPU")) return d;
        return all.isEmpty() ? null : all.get(0);
    }

    private static String list(List<ClDevice> all) {
        if (all.isEmpty()) return "none";
        StringBuilder b = new StringBuilder();
        for (ClDevice d : all) b.append(b.length() == 0 ? "" : ", ").append(d.id()).append(" ").append(d.name());
        return b.toString();
    }
}
