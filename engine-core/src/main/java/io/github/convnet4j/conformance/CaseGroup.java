package io.github.convnet4j.conformance;

import java.util.List;
import java.util.stream.Stream;

/**
 * Cases that belong together, e.g. the passes of one convolution geometry.
 *
 * @param name     the group's name (the geometry, or the op family)
 * @param children its cases and groups, in order
 */
public record CaseGroup(String name, List<CaseNode> children) implements CaseNode {
    public CaseGroup {
        children = List.copyOf(children);
    }

    /** A group of the nodes of {@code children}. */
    public static CaseGroup of(String name, Stream<? extends CaseNode> children) {
        return new CaseGroup(name, children.map(CaseNode.class::cast).toList());
    }

    /** Every case under this group, depth first, in order. */
    public Stream<ConformanceCase> cases() {
        return children.stream().flatMap(n -> n instanceof CaseGroup g ? g.cases() : Stream.of((ConformanceCase) n));
    }
}
