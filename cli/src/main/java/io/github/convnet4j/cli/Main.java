package io.github.convnet4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code convnet} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (0 success, 1 error, 2 usage error). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ConvnetCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
