package io.github.convnet4j.pit;

import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Tells {@link DiscoveryBodySkipper} when a JUnit request is only PIT's test discovery inside a
 * mutation minion.
 *
 * <p>PIT's JUnit 5 plugin finds a class's tests by executing the whole class (dynamic tests and
 * template invocations exist only once their factories run). In the coverage minion that run is the
 * coverage measurement, but a mutation minion repeats it, unmutated, for every test class that
 * covers the class under mutation, before it tries the first mutant: for a widely used class that is
 * most of the suite, once per mutated class. In that one situation the test bodies are not needed,
 * only the test identifiers, so they are skipped.
 *
 * <p>The request is recognised by its selectors: discovery selects whole classes, while the run of a
 * test against a mutant selects exactly one test by unique id. A request of any other shape, any JVM
 * that is not a mutation minion, or a run without {@value #PROPERTY} executes everything as usual.
 * Registered through {@code META-INF/services} on the test class path only.
 */
public final class MinionDiscovery implements LauncherDiscoveryListener {

    /** System property that enables the shortcut (set in the mutation profile's minion arguments). */
    public static final String PROPERTY = "convnet.pit.skipDiscoveryBodies";

    private static final String MUTATION_MINION = "org.pitest.mutationtest.execute.MutationTestMinion";

    private static volatile boolean discoveryOnly;

    /** Whether the request now executing only discovers tests (so their bodies may be skipped). */
    static boolean discoveryOnly() {
        return discoveryOnly;
    }

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        discoveryOnly = enabled() && isClassDiscovery(request);
    }

    static boolean enabled() {
        return Boolean.getBoolean(PROPERTY)
                && System.getProperty("sun.java.command", "").startsWith(MUTATION_MINION);
    }

    /** Whole classes selected, and no single test: the shape of PIT's discovery request. */
    static boolean isClassDiscovery(LauncherDiscoveryRequest request) {
        return !request.getSelectorsByType(ClassSelector.class).isEmpty()
                && request.getSelectorsByType(UniqueIdSelector.class).isEmpty();
    }
}
