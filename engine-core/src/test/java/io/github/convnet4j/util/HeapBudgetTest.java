package io.github.convnet4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Equivalent mutants left alone: in {@code fits}, the first {@code bytes <= available()} moved to
 * {@code <} or replaced by false only sends the call on to the same comparison after a
 * {@code System.gc()}, which answers the same; the gc is a cost, not a result.
 */
class HeapBudgetTest {
    @Test
    void availableIsTheLimitLessWhatIsInUse() {
        Runtime rt = Runtime.getRuntime();
        long totalBefore = rt.totalMemory();
        long available = HeapBudget.available();
        long totalAfter = rt.totalMemory();
        // In use = total - free: more than nothing (this test runs), at most what the JVM has taken from the OS.
        assertTrue(available < HeapBudget.limit(), available + " vs limit " + HeapBudget.limit());
        assertTrue(available >= HeapBudget.limit() - Math.max(totalBefore, totalAfter),
                available + " vs limit " + HeapBudget.limit() + " less total " + Math.max(totalBefore, totalAfter));
    }

    @Test
    void refusesWhatTheHeapCannotHoldWithOneLineNamingItAndTheRemedy() {
        long tooMuch = HeapBudget.limit() + 1;
        HeapLimitException e = assertThrows(HeapLimitException.class,
                () -> HeapBudget.require(tooMuch, "reading big.idx (1024 x 1024 x 1024 bytes)", "use a smaller data set"));
        String m = e.getMessage();
        assertTrue(m.startsWith("reading big.idx (1024 x 1024 x 1024 bytes) needs "), m);
        assertTrue(m.contains(" of Java heap but only ") && m.contains("use a smaller data set, or raise the limit, e.g. CONVNET_JAVA_OPTS=-Xmx"), m);
        assertTrue(!m.contains("\n"));
        HeapBudget.require(1024, "a kilobyte", null); // fits: no exception
    }

    @Test
    void duringTurnsAnOutOfMemoryErrorIntoALineNamingTheWork() {
        HeapLimitException e = assertThrows(HeapLimitException.class, () -> HeapBudget.during("training model m with batches of 64",
                "lower --batch-size", () -> { throw new OutOfMemoryError("Java heap space"); }));
        assertTrue(e.getMessage().startsWith("out of Java heap memory while training model m with batches of 64 (heap limit "), e.getMessage());
        assertTrue(e.getMessage().contains("lower --batch-size, or raise the limit"), e.getMessage());
    }

    @Test
    void bytesReadLikePeopleWriteThem() {
        assertEquals("512 bytes", HeapBudget.bytes(512));
        assertEquals("12 KiB", HeapBudget.bytes(12 << 10));
        assertEquals("240 MiB", HeapBudget.bytes(240L << 20));
        assertEquals("1.5 GiB", HeapBudget.bytes(3L << 29));
        // Each unit starts at exactly its power of two.
        assertEquals("1023 bytes", HeapBudget.bytes(1023));
        assertEquals("1 KiB", HeapBudget.bytes(1 << 10));
        assertEquals("1023 KiB", HeapBudget.bytes((1 << 20) - 1));
        assertEquals("1 MiB", HeapBudget.bytes(1 << 20));
        assertEquals("1023 MiB", HeapBudget.bytes((1L << 30) - 1));
        assertEquals("1.0 GiB", HeapBudget.bytes(1L << 30));
    }
}
