package io.github.convnet4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The process's peak resident set size, {@code VmHWM} in {@code /proc/self/status} (Linux). The
 * PyTorch peer reads the same field, so both sides are measured alike.
 */
public final class PeakRss {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakRss() {}

    /** Peak RSS in MB (2^20 bytes), or empty where {@code /proc/self/status} is missing or has no VmHWM. */
    public static OptionalDouble megabytes() {
        try {
            return parse(Files.readAllLines(STATUS));
        } catch (IOException | SecurityException e) {
            return OptionalDouble.empty();
        }
    }

    /** The VmHWM line of a {@code /proc/<pid>/status} text, e.g. {@code "VmHWM:   123456 kB"}, in MB. */
    static OptionalDouble parse(List<String> status) {
        for (String line : status) {
            if (!line.startsWith("VmHWM:")) continue;
            String[] parts = line.substring(6).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equals("kB")) return OptionalDouble.empty();
            try {
                return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
