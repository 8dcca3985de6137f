package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code convnet benchmark}'s peak options: argument handling and GFLOP/s printed as a share of the peak. No timed assertions. */
class BenchmarkCommandTest {
    private static final Pattern CELL = Pattern.compile("(\\d+\\.\\d\\d) \\((\\d+)%\\)");

    private static void assertUsageError(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.errorLines().contains(expected), r.errorLines());
    }

    @Test void thePeakGivenMustBeAPositiveNumber() {
        assertUsageError("--peak-gflops must be a positive number, got 0.0", "benchmark", "--peak-gflops", "0");
        assertUsageError("--peak-gflops must be a positive number, got -5.0", "benchmark", "--peak-gflops", "-5");
        assertUsageError("--peak-gflops must be a positive number, got NaN", "benchmark", "--peak-gflops", "NaN");
        assertUsageError("--peak-gflops must be a positive number, got Infinity", "benchmark", "--peak-gflops", "Infinity");
        assertUsageError("--peak-gflops", "benchmark", "--peak-gflops", "fast");
    }

    @Test void measuringAndGivingThePeakExcludeEachOther() {
        assertUsageError("--peak measures the peak and --peak-gflops gives it", "benchmark", "--peak", "--peak-gflops", "100");
        assertUsageError("--peak cannot be combined with --compare", "benchmark", "--peak", "--compare", "results.txt");
        assertUsageError("--peak cannot be combined with --loader", "benchmark", "--peak", "--loader");
    }

    @Test void peakPrintsOneParsableLineAndTrainsNothing() {
        CliRun r = CliRun.of("benchmark", "--peak", "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Matcher m = Pattern.compile("(?m)^peak: (\\d+\\.\\d) GFLOP/s \\(FP32 FMA, Vector API (\\d+)-bit, 16 accumulators per thread, 1 threads, (per CPU-second|wall clock);").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 0, r.out());
        assertTrue(List.of("64", "128", "256", "512").contains(m.group(2)), r.out());
        assertFalse(r.out().contains("RESULT"), r.out());
    }

    @Test void everyGflopsFigureIsAlsoAShareOfTheGivenPeak() {
        double peak = 40;
        CliRun r = CliRun.of("benchmark", "--net", "keras-mnist", "--device", "cpu", "--batch-size", "8", "--warmup", "1", "--steps", "1",
                "--gemm", "--peak-gflops", String.valueOf(peak));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String out = r.out();
        assertFalse(out.contains("peak: "), "a given peak is not measured: " + out);
        assertTrue(out.contains("percentages: of the FMA peak, 40.0 GFLOP/s"), out);

        List<String> rows = out.lines().filter(l -> l.startsWith("  conv2d")).toList();
        assertEquals(3, rows.size(), out);
        for (String row : rows) {
            Matcher m = CELL.matcher(row);
            int cells = 0;
            while (m.find()) {
                cells++;
                assertPercent(m.group(1), m.group(2), peak, row);
            }
            assertEquals(4, cells, "forward, backward-data, backward-filter and 3-pass cells: " + row);
        }
        assertShareOfPeak(out, "(?m)^  all convolutions: (\\d+\\.\\d\\d) GFLOP/s \\((\\d+) % of peak\\)", peak);
        assertShareOfPeak(out, "(?m)^SGEMM 256\\^3: (\\d+\\.\\d\\d) GFLOP/s \\((\\d+) % of peak\\)", peak);
        assertShareOfPeak(out, "(?m)^SGEMM 1024\\^3: (\\d+\\.\\d\\d) GFLOP/s \\((\\d+) % of peak\\)", peak);
        assertTrue(out.lines().reduce((a, b) -> b).orElse("").contains(" peak_gflops=40.0"), out);
    }

    @Test void withoutGflopsFiguresNoPeakIsMeasured() {
        CliRun r = CliRun.of("benchmark", "--net", "keras-mnist", "--device", "cpu", "--batch-size", "8", "--warmup", "1", "--steps", "1",
                "--no-conv-profile");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertFalse(r.out().contains("peak: ") || r.out().contains("percentages:") || r.out().contains("peak_gflops="), r.out());
    }

    private static void assertShareOfPeak(String out, String regex, double peak) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), regex + " in\n" + out);
        assertPercent(m.group(1), m.group(2), peak, String.format(Locale.ROOT, "%s of %.1f", m.group(), peak));
    }

    /** The printed percentage is the printed GFLOP/s (rounded to 0.01) over the peak, rounded to a whole percent. */
    private static void assertPercent(String gflops, String percent, double peak, String context) {
        double exact = 100 * Double.parseDouble(gflops) / peak;
        assertEquals(exact, Long.parseLong(percent), 0.5 + 100 * 0.005 / peak + 1e-9, context);
    }
}
