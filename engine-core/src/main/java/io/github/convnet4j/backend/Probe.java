package io.github.convnet4j.backend;

/**
 * Whether a backend can run on this machine, and why (not). A probe never throws: a missing native
 * library becomes {@code unavailable("libcuda.so.1 not found: ...")}.
 *
 * @param available true when {@link BackendProvider#open} is expected to succeed
 * @param reason    one line: what was found (device, version) or what is missing
 * @param forAuto   whether {@code --device auto} may pick it; false for a backend that works but
 *                  is known to lose to a lower-priority one here (OpenCL whose only device is a CPU)
 */
public record Probe(boolean available, String reason, boolean forAuto) {
    public Probe {
        forAuto = forAuto && available;
    }

    public static Probe available(String detail) { return new Probe(true, detail, true); }

    /** Usable when asked for by name, but skipped by {@code --device auto} for the given reason. */
    public static Probe availableButNotForAuto(String detail) { return new Probe(true, detail, false); }

    public static Probe unavailable(String reason) { return new Probe(false, reason, false); }
}
