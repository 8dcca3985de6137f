package io.github.convnet4j.util;

/**
 * The Java heap cannot hold what an input asks for: refused before allocating (see
 * {@link HeapBudget#require}) or caught as an {@link OutOfMemoryError} (see {@link HeapBudget#during}).
 * The message is one line naming what was being allocated, how much, and what to try.
 */
public final class HeapLimitException extends RuntimeException {
    public HeapLimitException(String message) { super(message); }

    public HeapLimitException(String message, Throwable cause) { super(message, cause); }
}
