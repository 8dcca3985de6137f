package io.github.convnet4j.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the conformance kit's cases outside a test framework ({@code convnet verify}): every case
 * of the chosen families on a {@link BackendPair}, one after another, each case's measured checks
 * and outcome recorded. A failing case does not stop the run.
 */
public final class ConformanceRun {
    private ConformanceRun() {}

    /**
     * What one case measured.
     *
     * @param family  its op family, e.g. {@code "conv"}
     * @param name    its full name (geometry / pass)
     * @param checks  every check it made, in order (a failing check is the last)
     * @param failure null when it passed; else the failure's message, or what the backend threw
     */
    public record CaseResult(String family, String name, List<Comparison> checks, String failure) {
        public CaseResult {
            checks = List.copyOf(checks);
        }

        /** Whether every check passed and nothing was thrown. */
        public boolean passed() { return failure == null; }

        /**
         * The check to show for this case: the failing one, else the one that used the largest
         * share of its tolerance; null when the case made no numeric check (contract cases).
         */
        public Comparison worst() {
            for (Comparison c : checks) if (!c.passed()) return c;
            return checks.stream().max(Comparator.comparingDouble(Comparison::used)).orElse(null);
        }
    }

    /**
     * Runs every case of {@code families} on {@code pair} in the kit's order.
     *
     * @param each receives each result as soon as its case has run (for progress output)
     * @return all results, in order
     */
    public static List<CaseResult> run(BackendPair pair, List<ConformanceKit.Family> families, Consumer<CaseResult> each) {
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceKit.Family family : families) {
            family.on(pair).cases().forEach(c -> {
                CaseResult r = runOne(family.name(), c);
                results.add(r);
                each.accept(r);
            });
        }
        return results;
    }

    private static CaseResult runOne(String family, ConformanceCase c) {
        List<Comparison> checks = new ArrayList<>();
        String failure = null;
        try {
            c.run(checks::add);
        } catch (AssertionError e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = "[" + c.fullName() + "] " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new CaseResult(family, c.fullName(), checks, failure);
    }
}
