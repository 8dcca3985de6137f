package io.github.convnet4j.backend;

import java.util.List;

/**
 * A kind of backend (cpu, opencl, cuda), discovered with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.github.convnet4j.backend.BackendProvider}. Providers are cheap to
 * construct: nothing native is loaded until {@link #probe()} or {@link #open(String)}.
 */
public interface BackendProvider {
    /** The name used in {@code --device}: {@code "cpu"}, {@code "opencl"}, {@code "cuda"}. */
    String name();

    /** Higher wins for {@code --device auto}: cuda 300 &gt; opencl 200 &gt; cpu 100. */
    int priority();

    /** Whether this backend can run here, with the reason; never throws (catches {@code Throwable}). */
    Probe probe();

    /** The devices this backend can open; empty when unavailable. Never throws. */
    List<DeviceInfo> devices();

    /**
     * Opens a device.
     *
     * @param deviceId what followed {@code name:} in {@code --device}, or {@code ""} for the default device
     * @throws BackendException with the reason when the device cannot be opened
     */
    Backend open(String deviceId);
}
