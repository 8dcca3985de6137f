package io.github.convnet4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into exactly one line on stderr ({@code convnet: error: ...}) and exit code 1.
 * The stack trace is printed only with {@code --verbose} (documented in every command's help).
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
        System.err.println("convnet: error: " + oneLine(e));
        if (verbose) e.printStackTrace();
        return 1;
    }

    /** The most informative message in the cause chain, flattened to one line. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) t = t.getCause();
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof OutOfMemoryError) msg = "out of Java heap memory (raise -Xmx via CONVNET_JAVA_OPTS or lower --batch-size)";
        else if (t instanceof java.nio.file.NoSuchFileException) msg = "no such file: " + msg;
        return msg.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
