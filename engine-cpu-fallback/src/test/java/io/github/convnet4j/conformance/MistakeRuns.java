package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;

import java.util.List;
import java.util.function.Function;

/**
 * Runs one family of the kit against the CPU backend with some op calls answered by a deliberate
 * mistake instead ({@link LossHazardsTest}, {@link ActivationHazardsTest}), the reference being a
 * second, untouched CPU backend.
 */
final class MistakeRuns {
    private MistakeRuns() {}

    /**
     * Every case of {@code family}, run with the backend under test's op calls handed to the handler
     * that {@code ops} makes for the wrapped CPU backend (which the handler may use for host copies).
     */
    static List<ConformanceRun.CaseResult> run(String family, Function<Backend, BackendProxies.Handler> ops) {
        Backend cpu = BackendPair.cpuProvider().open("");
        try (BackendPair pair = BackendPair.of(BackendProxies.withOps(cpu, ops.apply(cpu)), BackendPair.cpuProvider().open(""))) {
            return ConformanceRun.run(pair, List.of(ConformanceKit.family(family)), r -> {});
        }
    }

    /** The full names of the cases that failed, in the kit's order. */
    static List<String> failed(List<ConformanceRun.CaseResult> results) {
        return results.stream().filter(r -> !r.passed()).map(ConformanceRun.CaseResult::name).toList();
    }
}
