package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Usage errors are one line plus a pointer to --help, exit code 2; Errors become one line too. */
class CliUsageTest {
    private static void assertUsage(String expected, String help, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("convnet: error: " + expected + "\nsee '" + help + " --help'\n", r.errorLines(), r.err());
        assertEquals("", r.out(), "no help text on stdout");
    }

    @Test
    void badOptionsAndValuesAreOneLineWithExitCodeTwo() {
        assertUsage("Unknown option: '--bogus'", "convnet train", "train", "--bogus");
        assertUsage("Invalid value for option '--device': unknown device 'tpu' (choose auto, cuda, opencl, cpu)", "convnet train", "train", "--device", "tpu");
        assertUsage("Invalid value for option '--batch-size': '0' must be an integer >= 1", "convnet train", "train", "--batch-size", "0");
        assertUsage("Invalid value for option '--epochs': 'ten' is not an integer (or does not fit 32 bits)", "convnet train", "train", "--epochs", "ten");
        assertUsage("Invalid value for option '--count': '-1' must be an integer >= 1", "convnet predict", "predict", "--model", "m", "--count", "-1");
        assertUsage("Missing required option: '--model=M'", "convnet evaluate", "evaluate");
    }

    @Test
    void anOutOfMemoryErrorAnywhereInTheCauseChainIsOneLine() {
        String line = ErrorReporter.oneLine(new ExecutionException(new RuntimeException(new OutOfMemoryError("Java heap space"))));
        assertTrue(line.startsWith("out of Java heap memory (heap limit "), line);
        assertTrue(line.contains("lower --batch-size or use --limit, or raise the limit, e.g. CONVNET_JAVA_OPTS=-Xmx"), line);
        assertEquals("stack overflow (input nested too deeply?)", ErrorReporter.oneLine(new StackOverflowError()));
    }
}
