package io.github.convnet4j.conformance;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.util.function.Consumer;

/** Small helpers shared by the per-family case lists (and the golden tests). */
public final class Cases {
    private Cases() {}

    /**
     * A dynamic test whose body runs in a fresh {@link Scope} of {@code pair}, freed afterwards. A
     * failure message starts with the case name, since build tools do not always show it.
     */
    static DynamicTest test(String name, BackendPair pair, Consumer<Scope> body) {
        return test(null, name, pair, body);
    }

    /** As {@link #test(String, BackendPair, Consumer)}, inside a container named {@code context} (which failures name too). */
    static DynamicTest test(String context, String name, BackendPair pair, Consumer<Scope> body) {
        String full = context == null ? name : context + " / " + name;
        return DynamicTest.dynamicTest(name, () -> {
            try (Scope scope = pair.scope()) {
                body.accept(scope);
            } catch (AssertionFailedError e) {
                throw named(full, e);
            }
        });
    }

    /** {@code e} with {@code name} in front of its message (the stack trace is kept as the cause). */
    public static AssertionFailedError named(String name, AssertionFailedError e) {
        return new AssertionFailedError("[" + name + "] " + e.getMessage(), e);
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
