package io.github.convnet4j.conformance;

import org.junit.jupiter.api.DynamicTest;

import java.util.function.Consumer;

/** Small helpers shared by the per-family case lists. */
final class Cases {
    private Cases() {}

    /** A dynamic test whose body runs in a fresh {@link Scope} of {@code pair}, freed afterwards. */
    static DynamicTest test(String name, BackendPair pair, Consumer<Scope> body) {
        return DynamicTest.dynamicTest(name, () -> {
            try (Scope scope = pair.scope()) {
                body.accept(scope);
            }
        });
    }

    /** The largest absolute value in {@code a} (0 for an empty array). */
    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** A seed derived from a case name, so each case has its own stable data. */
    static long seed(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) h = 31 * h + name.charAt(i);
        return h;
    }
}
