package io.github.convnet4j.util;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Checks what an allocation will cost against the Java heap <em>before</em> it is made, so a file
 * that declares a billion samples, or a batch of a billion, is refused with one line instead of an
 * {@link OutOfMemoryError} half a minute later. Where an estimate is not possible, {@link #during}
 * turns an {@code OutOfMemoryError} into the same kind of line, naming what was being done.
 *
 * <p>The free heap is {@code maxMemory - used}; when that looks too small, one {@code System.gc()}
 * is asked for before refusing, because "used" counts garbage too.
 */
public final class HeapBudget {
    private HeapBudget() {}

    /** The heap limit ({@code -Xmx}) in bytes. */
    public static long limit() { return Runtime.getRuntime().maxMemory(); }

    /** Bytes the heap can still hand out, counting uncollected garbage as used. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Whether {@code bytes} more fit the heap, collecting garbage once before saying no. */
    public static boolean fits(long bytes) {
        if (bytes <= available()) return true;
        System.gc();
        return bytes <= available();
    }

    /**
     * Refuses an allocation of {@code bytes} that the heap cannot hold.
     *
     * @param what  what would be allocated, e.g. {@code "reading train-images-idx3-ubyte.gz (60000 x 28 x 28)"}
     * @param hint  what the user can do instead, e.g. {@code "lower --batch-size"}
     * @throws HeapLimitException one line with both, the sizes and how to raise the limit
     */
    public static void require(long bytes, String what, String hint) {
        if (!fits(bytes)) throw new HeapLimitException(message(what, bytes, available(), hint));
    }

    /**
     * Runs {@code work}; an {@link OutOfMemoryError} inside it becomes a {@link HeapLimitException}
     * naming {@code what}. The error's allocations are unreachable by then, so building the message is safe.
     */
    public static <T> T during(String what, String hint, Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (OutOfMemoryError e) {
            throw new HeapLimitException(outOfMemory(what, hint), e);
        }
    }

    /** The one-line message for an {@link OutOfMemoryError} while doing {@code what} (null when unknown). */
    public static String outOfMemory(String what, String hint) {
        return "out of Java heap memory" + (what == null ? "" : " while " + what) + " (heap limit " + bytes(limit()) + "); "
                + (hint == null ? "" : hint + ", or ") + raise();
    }

    static String message(String what, long bytes, long free, String hint) {
        return what + " needs " + bytes(bytes) + " of Java heap but only " + bytes(free) + " of the " + bytes(limit())
                + " limit is free; " + (hint == null ? "" : hint + ", or ") + raise();
    }

    private static String raise() {
        return "raise the limit, e.g. CONVNET_JAVA_OPTS=-Xmx" + Math.max(1, 2 * (limit() >> 30)) + "g";
    }

    /** A byte count written the way people read it: {@code 1.5 GiB}, {@code 240 MiB}, {@code 12 KiB}. */
    public static String bytes(long n) {
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return (n >> 20) + " MiB";
        if (n >= 1L << 10) return (n >> 10) + " KiB";
        return n + " bytes";
    }
}
