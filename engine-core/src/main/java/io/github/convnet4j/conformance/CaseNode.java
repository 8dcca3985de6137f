package io.github.convnet4j.conformance;

/**
 * A node of the conformance kit's case tree: a {@link ConformanceCase} or a {@link CaseGroup} of
 * nodes. The JUnit kit turns the tree into dynamic containers and tests; {@code convnet verify}
 * walks it in the same order.
 */
public sealed interface CaseNode permits ConformanceCase, CaseGroup {
    /** The name shown in test reports and in {@code convnet verify}'s table. */
    String name();
}
