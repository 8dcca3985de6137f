package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.Probe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a backend's tests where its device is absent, unless the build says the device must be
 * there: {@code -Dconvnet.require=opencl} (comma-separated backend names, passed through by
 * surefire) turns that skip into a failure, so CI cannot go green by silently testing nothing.
 * {@link #assume} applies the same rule to other things tests need (chromium, Python's onnx and torch).
 */
public final class BackendRequirement {
    /** The system property naming the backends that must be available. */
    public static final String PROPERTY = "convnet.require";

    private BackendRequirement() {}

    /**
     * Returns when {@code provider} is available; otherwise fails the test (when required by
     * {@value #PROPERTY}) or aborts it as skipped, in both cases with the probe's reason.
     */
    public static void assumeAvailable(BackendProvider provider) {
        String absent = unavailableReason(provider);
        assumeTrue(absent == null, absent);
    }

    /**
     * Null when {@code provider} is available; otherwise fails the test (when required by
     * {@value #PROPERTY}) or returns {@code "<name> is unavailable: <probe reason>"}, for classes
     * that report their skipped cases one by one ({@link #skipped}).
     */
    public static String unavailableReason(BackendProvider provider) {
        Probe probe = provider.probe();
        if (probe.available()) return null;
        String reason = provider.name() + " is unavailable: " + probe.reason();
        failIfRequired(provider.name(), reason);
        return reason;
    }

    /**
     * The same rule for anything else a test needs (a browser, a Python module, a backend looked up
     * by name): returns when {@code present}; otherwise fails the test when {@value #PROPERTY} lists
     * {@code name}, else aborts it as skipped; in both cases with {@code reason}.
     */
    public static void assume(String name, boolean present, String reason) {
        if (present) return;
        failIfRequired(name, reason);
        Assumptions.abort(reason);
    }

    private static void failIfRequired(String name, String reason) {
        if (required().contains(name.toLowerCase(Locale.ROOT))) fail(PROPERTY + "=" + System.getProperty(PROPERTY) + " but " + reason);
    }

    /**
     * One skipped dynamic test standing for a family of cases that cannot run, so test reports count
     * it as skipped (a class skipped in {@code @BeforeAll} shows in Surefire as "Tests run: 0").
     */
    public static Stream<DynamicNode> skipped(String family, String reason) {
        return Stream.of(DynamicTest.dynamicTest(family + " (skipped)", () -> Assumptions.abort(reason)));
    }

    /** The lower-cased names in {@value #PROPERTY}; empty when unset or blank. */
    static Set<String> required() {
        String value = System.getProperty(PROPERTY, "");
        return Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
