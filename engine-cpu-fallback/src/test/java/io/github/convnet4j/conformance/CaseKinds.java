package io.github.convnet4j.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of each kind, for the kit's meta-tests: cases whose names differ only in their numbers
 * (shapes, windows, rates, seeds) run the same body, with the same op calls and checks, on other
 * sizes, so the first of them stands for all. The backends' own conformance tests run every case.
 */
final class CaseKinds {
    private CaseKinds() {}

    /** The first case of each kind in {@code cases}, in order. */
    static List<ConformanceCase> representatives(List<ConformanceCase> cases) {
        Map<String, ConformanceCase> first = new LinkedHashMap<>();
        for (ConformanceCase c : cases) first.putIfAbsent(kind(c), c);
        return List.copyOf(first.values());
    }

    /** The case's full name with every number (and the {@code x} of {@code 3x3}) blanked. */
    static String kind(ConformanceCase c) {
        return c.fullName().replaceAll("[-0-9.,x ()]+", " ");
    }
}
