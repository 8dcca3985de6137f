package io.github.convnet4j.cli;

import io.github.convnet4j.util.HeapBudget;
import io.github.convnet4j.util.HeapLimitException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into exactly one line on stderr ({@code convnet: error: ...}): exit code 1 for
 * errors, 2 for usage errors (an unknown option, a bad option value), which get one more line
 * pointing to the command's help instead of the whole help text. The stack trace is printed only
 * with {@code --verbose} (documented in every command's help).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Exit code of a usage error. */
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
        if (e instanceof UsageException) return usage(e.getMessage(), cmd);
        return report(e, verbose);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        return usage(e.getMessage(), e.getCommandLine());
    }

    /** Prints one line for {@code t} (and its trace when {@code verbose}); returns 1. */
    int report(Throwable t, boolean verbose) {
        System.err.println("convnet: error: " + oneLine(t));
        if (verbose) t.printStackTrace();
        System.err.flush();
        return 1;
    }

    private static int usage(String message, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        err.println("convnet: error: " + flatten(message));
        err.println("see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return USAGE;
    }

    /** The most informative message in the cause chain, flattened to one line. */
    static String oneLine(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof HeapLimitException) return flatten(x.getMessage());
            if (x instanceof OutOfMemoryError) return HeapBudget.outOfMemory(null, "lower --batch-size or use --limit");
            if (x instanceof StackOverflowError) return "stack overflow (input nested too deeply?)";
        }
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) t = t.getCause();
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException && !msg.contains("no such file")) msg = "no such file: " + msg;
        return flatten(msg);
    }

    private static String flatten(String msg) {
        return msg == null ? "" : msg.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
