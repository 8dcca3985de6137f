package io.github.convnet4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code convnet} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // A worker thread that dies of an Error (out of memory) must not leave a half-dead CLI behind.
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
            System.err.println("convnet: error: " + ErrorReporter.oneLine(t));
            System.err.flush();
            if (t instanceof Error) Runtime.getRuntime().halt(1);
        });
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (0 success, 1 error, 2 usage error). */
    public static int run(String... args) {
        ErrorReporter reporter = new ErrorReporter();
        try {
            CommandLine cli = new CommandLine(new ConvnetCommand());
            cli.setExecutionExceptionHandler(reporter);
            cli.setParameterExceptionHandler(reporter);
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            return cli.execute(args);
        } catch (Throwable t) {
            // picocli hands only Exceptions to the handler; an Error (OutOfMemoryError, StackOverflowError) lands here.
            return reporter.report(t, java.util.Arrays.asList(args).contains("--verbose"));
        }
    }
}
