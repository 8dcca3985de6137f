package io.github.convnet4j.backend;

import java.util.List;

/**
 * One device a backend can open, for {@code convnet devices}.
 *
 * @param id         what follows {@code name:} in {@code --device}, e.g. {@code "0"} or {@code "0:1"}
 * @param name       the device's own name, e.g. {@code "NVIDIA H200"}
 * @param properties human-readable facts, e.g. {@code "memory 79.1 GiB"}, {@code "compute capability 9.0"}
 */
public record DeviceInfo(String id, String name, List<String> properties) {
    public DeviceInfo {
        properties = List.copyOf(properties);
    }
}
