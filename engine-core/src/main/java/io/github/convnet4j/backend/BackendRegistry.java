package io.github.convnet4j.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The backends on the class path, and the rule that picks one from {@code --device}:
 * {@code auto} (the highest-priority backend whose probe allows {@link Probe#forAuto()}; every skip is
 * logged with its reason),
 * {@code cpu}, {@code opencl}, {@code opencl:<id>}, {@code cuda}, {@code cuda:<id>}.
 */
public final class BackendRegistry {
    private final List<BackendProvider> providers;

    /** A registry over explicit providers (tests), highest priority first. */
    public BackendRegistry(List<BackendProvider> providers) {
        List<BackendProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        this.providers = List.copyOf(sorted);
    }

    /** The providers found by {@link ServiceLoader} on the class path. */
    public static BackendRegistry discover() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        return new BackendRegistry(found);
    }

    /** All providers, highest priority first. */
    public List<BackendProvider> providers() { return providers; }

    /** The provider with this name, or null. */
    public BackendProvider provider(String name) {
        for (BackendProvider p : providers) if (p.name().equals(name)) return p;
        return null;
    }

    /**
     * Opens the backend that {@code device} names.
     *
     * @param device {@code auto}, {@code <name>} or {@code <name>:<id>}
     * @param log    receives one line per skipped backend, one for the choice, and a warning if a
     *               native runtime took over the JVM's signal handlers ({@link JvmSignalHandlers})
     * @throws BackendException naming the reason and the backends that are available
     */
    public Backend open(String device, Consumer<String> log) {
        String spec = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("auto")) return openAuto(log);
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String id = colon < 0 ? "" : spec.substring(colon + 1);
        BackendProvider p = provider(name);
        if (p == null) {
            throw new BackendException("unknown device '" + device + "' (choose auto, " + String.join(", ", names()) + ")");
        }
        Probe probe = p.probe();
        if (!probe.available()) {
            throw new BackendException(name + " is not available: " + probe.reason() + "; available: " + availableNames());
        }
        Backend b = p.open(id);
        log.accept("device: " + b.description());
        JvmSignalHandlers.takeoverWarning().ifPresent(log);
        return b;
    }

    private Backend openAuto(Consumer<String> log) {
        List<String> failures = new ArrayList<>();
        for (BackendProvider p : providers) {
            Probe probe = p.probe();
            if (!probe.forAuto()) {
                String why = probe.available() ? probe.reason() + " (ask for it with --device " + p.name() + ")" : probe.reason();
                log.accept("device: skipping " + p.name() + ": " + why);
                failures.add(p.name() + ": " + why);
                continue;
            }
            try {
                Backend b = p.open("");
                log.accept("device: " + b.description() + " (auto)");
                // Probing the backends before this one may have loaded their native runtimes.
                JvmSignalHandlers.takeoverWarning().ifPresent(log);
                return b;
            } catch (RuntimeException e) {
                log.accept("device: skipping " + p.name() + ": " + e.getMessage());
                failures.add(p.name() + ": " + e.getMessage());
            }
        }
        throw new BackendException("no backend is available: " + String.join("; ", failures));
    }

    private List<String> names() {
        List<String> n = new ArrayList<>();
        for (BackendProvider p : providers) n.add(p.name());
        return n;
    }

    private String availableNames() {
        List<String> n = new ArrayList<>();
        for (BackendProvider p : providers) if (p.probe().available()) n.add(p.name());
        return n.isEmpty() ? "none" : String.join(", ", n);
    }
}
