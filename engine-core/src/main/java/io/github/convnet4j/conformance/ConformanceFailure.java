package io.github.convnet4j.conformance;

/**
 * A backend's result outside the tolerance, or an op breaking its contract, found by the
 * conformance kit. An {@link AssertionError}, so test frameworks report it as a failed test;
 * {@code convnet verify} reports it as a failed row.
 */
public final class ConformanceFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** A failure with its one-paragraph message. */
    public ConformanceFailure(String message) { super(message); }

    /** A failure with its message and the failure it wraps (e.g. the same failure with the case name added). */
    public ConformanceFailure(String message, Throwable cause) { super(message, cause); }
}
