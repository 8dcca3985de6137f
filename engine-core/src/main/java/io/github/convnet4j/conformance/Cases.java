package io.github.convnet4j.conformance;

import java.util.function.Consumer;
import java.util.stream.Stream;

/** Small helpers shared by the per-family case lists (and the golden tests). */
public final class Cases {
    private Cases() {}

    /** A case whose body runs in a fresh {@link Scope} of {@code pair}, freed afterwards. */
    static ConformanceCase test(String name, BackendPair pair, Consumer<Scope> body) {
        return test(null, name, pair, body);
    }

    /** As {@link #test(String, BackendPair, Consumer)}, inside a group named {@code context} (which failures name too). */
    static ConformanceCase test(String context, String name, BackendPair pair, Consumer<Scope> body) {
        return new ConformanceCase(context, name, pair, body);
    }

    /** A group of cases (or of groups). */
    static CaseGroup group(String name, Stream<? extends CaseNode> children) {
        return CaseGroup.of(name, children);
    }

    /** {@code e} with {@code name} in front of its message (the original is kept as the cause). */
    public static ConformanceFailure named(String name, AssertionError e) {
        return new ConformanceFailure("[" + name + "] " + e.getMessage(), e);
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

    /** Throws a {@link ConformanceFailure} saying {@code what} unless {@code condition} holds. */
    static void expect(boolean condition, String what) {
        if (!condition) throw new ConformanceFailure(what);
    }

    /**
     * Runs {@code op}, which must throw {@code type}; returns the exception.
     *
     * @throws ConformanceFailure when it returns normally or throws something else
     */
    static <T extends Throwable> T expectThrows(Class<T> type, Runnable op, String what) {
        try {
            op.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) return type.cast(t);
            throw new ConformanceFailure(what + ": expected " + type.getSimpleName() + ", got " + t, t);
        }
        throw new ConformanceFailure(what + ": expected " + type.getSimpleName() + ", nothing was thrown");
    }
}
