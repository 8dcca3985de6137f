package io.github.convnet4j.conformance;

import java.util.function.Consumer;

/**
 * One case of the conformance kit: a body that runs ops on both sides of a {@link BackendPair} in a
 * fresh {@link Scope} and checks the backend under test against the reference.
 *
 * @param context  the name of the group it belongs to (its geometry), or null; failures name it
 * @param name     the case's own name, e.g. {@code "forward with bias"}
 * @param pair     the backends it runs on
 * @param body     the ops and checks
 */
public record ConformanceCase(String context, String name, BackendPair pair, Consumer<Scope> body) implements CaseNode {
    /** The case name with its context in front, as failures show it. */
    public String fullName() { return context == null ? name : context + " / " + name; }

    /**
     * Runs the case; the tensors it allocated are freed afterwards.
     *
     * @throws ConformanceFailure when a check fails, its message starting with {@link #fullName()}
     *                            (build tools do not always show a dynamic test's name)
     */
    public void run() { run(c -> {}); }

    /**
     * Runs the case, handing every measured check to {@code checks} as it is made (a failing check
     * is handed over before it is thrown).
     */
    public void run(Consumer<Comparison> checks) {
        try (Scope scope = pair.scope(checks)) {
            body.accept(scope);
        } catch (ConformanceFailure e) {
            throw Cases.named(fullName(), e);
        }
    }
}
