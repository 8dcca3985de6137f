package io.github.convnet4j.backend;

/**
 * Whether a backend can run on this machine, and why (not). A probe never throws: a missing native
 * library becomes {@code unavailable("libcuda.so.1 not found: ...")}.
 *
 * @param available true when {@link BackendProvider#open} is expected to succeed
 * @param reason    one line: what was found (device, version) or what is missing
 */
public record Probe(boolean available, String reason) {
    public static Probe available(String detail) { return new Probe(true, detail); }
    public static Probe unavailable(String reason) { return new Probe(false, reason); }
}
