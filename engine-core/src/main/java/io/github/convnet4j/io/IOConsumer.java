package io.github.convnet4j.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, used as the body of {@link AtomicFiles#write}.
 *
 * @param <T> what it consumes
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
