package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

/**
 * One measured check of the conformance kit: a backend's values of one output against the F64
 * reference under a {@link Tolerance}.
 *
 * @param what          the output checked, e.g. {@code "conv forward y (2, 4, 8, 8)"}
 * @param shape         its shape, or null for a scalar or a flat array
 * @param count         values compared
 * @param mismatches    values outside the tolerance (0: passed)
 * @param maxAbsError   the largest {@code |x - ref|} (infinite for a NaN)
 * @param maxRelError   the largest {@code |x - ref| / |ref|} over the values whose reference is not 0
 * @param used          the largest {@code |x - ref| / (atol + rtol |ref|)}: how much of its allowance
 *                      the worst value used (above 1: failed; infinite for a NaN or a miss of an exact check)
 * @param tolerance     the allowance applied
 * @param failure       the failure message (first mismatches with their coordinates), null when passed
 */
public record Comparison(String what, Shape shape, int count, int mismatches, double maxAbsError, double maxRelError,
                         double used, Tolerance tolerance, String failure) {
    /** Whether every value was within the tolerance. */
    public boolean passed() { return mismatches == 0; }

    /** This comparison when it passed; otherwise throws a {@link ConformanceFailure} with its message. */
    public Comparison orThrow() {
        if (!passed()) throw new ConformanceFailure(failure);
        return this;
    }
}
