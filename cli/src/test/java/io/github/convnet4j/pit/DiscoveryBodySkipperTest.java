package io.github.convnet4j.pit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which classes may skip their set-up in a discovery run: only those whose tests are all known
 * without running anything. The fixture classes below are private, so no test engine runs them.
 */
class DiscoveryBodySkipperTest {
    private static class Plain {
        @BeforeAll static void setUp() {}
        @Test void a() {}
        @Nested class Inner { @Test void b() {} }
    }

    private static class WithFactory {
        @TestFactory java.util.stream.Stream<DynamicTest> cases() { return java.util.stream.Stream.empty(); }
    }

    private static class WithParameterized {
        @ParameterizedTest @ValueSource(ints = 1) void p(int x) {}
    }

    private static class WithRepeated {
        @RepeatedTest(2) void r() {}
    }

    private static class WithNestedFactory {
        @Test void a() {}
        @Nested class Inner { @TestFactory java.util.stream.Stream<DynamicTest> cases() { return java.util.stream.Stream.empty(); } }
    }

    private static class Base { @TestFactory java.util.stream.Stream<DynamicTest> inherited() { return java.util.stream.Stream.empty(); } }
    private static class InheritsAFactory extends Base { @Test void a() {} }

    @Test void plainTestMethodsAreKnownWithoutTheSetUp() {
        assertTrue(DiscoveryBodySkipper.onlyPlainTests(Plain.class));
    }

    @Test void factoriesTemplatesAndTheirNestedOrInheritedFormsNeedTheSetUp() {
        assertFalse(DiscoveryBodySkipper.onlyPlainTests(WithFactory.class));
        assertFalse(DiscoveryBodySkipper.onlyPlainTests(WithParameterized.class));
        assertFalse(DiscoveryBodySkipper.onlyPlainTests(WithRepeated.class));
        assertFalse(DiscoveryBodySkipper.onlyPlainTests(WithNestedFactory.class));
        assertFalse(DiscoveryBodySkipper.onlyPlainTests(InheritsAFactory.class));
    }
}
