package io.github.convnet4j.pit;

import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs every test method of the suite by itself, one after another in this JVM, and lists those
 * that fail alone: the way PIT runs a test against a mutant.
 *
 * <p>A test that passes only after another test has run (a file or a static field the other one
 * left) fails under PIT whatever the mutant, so PIT counts it as killing every mutant it covers:
 * the score goes up for nothing. {@code CliEndToEndTest} and {@code CliTransferTest} did that until
 * 2026-12-04 (1,043 of the first whole run's kills). A factory or a parameterized test is run as a
 * whole; its dynamic tests and invocations are not split.
 *
 * <p>Arguments: class-name regular expressions to leave out. Exit status 1 when a test fails alone.
 * {@code .ci/isolation-check} builds the class path and runs it.
 */
public final class IsolationCheck {
    private IsolationCheck() {}

    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request().selectors(selectPackage("io.github.convnet4j"))
                .filters(excludeClassNamePatterns(args.length == 0 ? new String[] {"^$"} : args)).build());
        List<TestIdentifier> units = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                boolean method = id.getSource().filter(MethodSource.class::isInstance).isPresent();
                boolean inClass = plan.getParent(id).flatMap(TestIdentifier::getSource).filter(ClassSource.class::isInstance).isPresent();
                if (method && inClass) units.add(id);
            }
        }
        long start = System.nanoTime();
        List<String> failedAlone = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            TestIdentifier unit = units.get(i);
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(request().selectors(selectUniqueId(unit.getUniqueId())).build(), summary);
            TestExecutionSummary s = summary.getSummary();
            if (s.getTotalFailureCount() > 0) {
                Throwable first = s.getFailures().get(0).getException();
                String line = name(unit) + ": " + first.getClass().getSimpleName() + ": " + String.valueOf(first.getMessage()).lines().findFirst().orElse("");
                failedAlone.add(line);
                System.out.println("FAILS ALONE " + line);
            }
            if ((i + 1) % 200 == 0) System.out.printf("%d / %d run alone, %.0f s%n", i + 1, units.size(), (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("%d tests run alone in %.0f s; %d fail alone%n", units.size(), (System.nanoTime() - start) / 1e9, failedAlone.size());
        failedAlone.forEach(f -> System.out.println("  " + f));
        System.exit(failedAlone.isEmpty() ? 0 : 1);
    }

    private static String name(TestIdentifier id) {
        MethodSource m = (MethodSource) id.getSource().orElseThrow();
        return m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "#" + m.getMethodName();
    }
}
