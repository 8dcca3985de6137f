package io.github.convnet4j.cli;

/**
 * A bad option value found while a command runs (not by picocli's parser), e.g. {@code --count 0}:
 * reported like a parse error, one line and exit code 2.
 */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) { super(message); }
}
