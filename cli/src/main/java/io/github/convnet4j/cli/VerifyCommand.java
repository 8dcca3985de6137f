package io.github.convnet4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.conformance.Comparison;
import io.github.convnet4j.conformance.ConformanceKit;
import io.github.convnet4j.conformance.ConformanceRun;
import io.github.convnet4j.conformance.ConformanceRun.CaseResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convnet verify}: runs every case of the conformance kit (every op of every family, also at
 * the shapes of keras-mnist and of a ResNet block) on the chosen backend against the CPU backend in
 * float64, and prints one row per case with its worst check. Exit code 1 when any case fails.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a backend before trusting it: every op of the conformance kit on the chosen device against "
                + "the CPU reference in float64, with the project's one tolerance rule |x - ref| <= atol + rtol*|ref|.",
                "Prints one row per case (its worst check: max abs and relative error, tolerance, share of the tolerance used) "
                        + "and exits with 1 if any case fails."})
final class VerifyCommand implements Callable<Integer> {
    /** result, family, max abs, max rel, atol, rtol, used (share of the tolerance), case. */
    private static final String ROW = "%-6s %-15s %11s %11s %9s %9s %7s  %s%n";

    @Option(names = "--family", split = ",", paramLabel = "F",
            description = "Only these op families (comma-separated): ${COMPLETION-CANDIDATES}. Default: all.",
            completionCandidates = FamilyNames.class)
    List<String> families;

    @Option(names = "--json", description = "Print one JSON object (every case with every check) instead of the table.")
    boolean json;

    @Mixin DeviceOptions deviceOptions;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<ConformanceKit.Family> chosen = chosenFamilies();
        try (BackendPair pair = BackendPair.open(deviceOptions::open)) {
            return verify(pair, chosen, json, System.out, System.err);
        }
    }

    /**
     * Runs {@code families} on {@code pair} and reports: the table (rows as the cases finish) or
     * the JSON object on {@code out}, the failure messages after the table, and the one-line
     * {@code convnet: error: ...} summary on {@code err} when a case failed.
     *
     * @return the exit code: 0 when every case passed, else 1
     */
    static int verify(BackendPair pair, List<ConformanceKit.Family> families, boolean json, PrintStream out, PrintStream err) {
        String device = pair.test.description();
        if (!json) {
            out.println("verify: " + device + ", against " + pair.ref.name() + " in float64");
            out.printf(ROW, "result", "family", "max abs err", "max rel err", "atol", "rtol", "used", "case");
        }
        long start = System.nanoTime();
        List<CaseResult> results = ConformanceRun.run(pair, families, r -> {
            if (!json) out.println(row(r));
        });
        List<CaseResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (json) {
            out.println(json(device, pair.ref.name(), results));
        } else {
            if (!failed.isEmpty()) {
                out.println();
                out.println("failures:");
                for (CaseResult r : failed) out.println("  " + r.failure().replace("\n", "\n  "));
            }
            out.println(summary(pair.test.name(), results, failed) + String.format(Locale.ROOT, "; %.0f s", (System.nanoTime() - start) / 1e9));
        }
        if (failed.isEmpty()) return 0;
        err.println("convnet: error: verify: " + failed.size() + " of " + results.size() + " cases failed on " + pair.test.name()
                + " (" + device + "); first: " + failed.get(0).name());
        return 1;
    }

    private List<ConformanceKit.Family> chosenFamilies() {
        List<ConformanceKit.Family> all = ConformanceKit.families();
        if (families == null || families.isEmpty()) return all;
        List<ConformanceKit.Family> chosen = new ArrayList<>();
        for (String name : families) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            ConformanceKit.Family f = all.stream().filter(x -> x.name().equals(wanted)).findFirst().orElseThrow(
                    () -> new CommandLine.ParameterException(spec.commandLine(), "--family: unknown family '" + name + "' (choose from "
                            + all.stream().map(ConformanceKit.Family::name).collect(Collectors.joining(", ")) + ")"));
            if (!chosen.contains(f)) chosen.add(f);
        }
        return chosen;
    }

    private static String row(CaseResult r) {
        Comparison w = r.worst();
        String result = r.passed() ? "PASS" : "FAIL";
        if (w == null) {
            // A contract case (allocation, views, errors) or one that threw before its first check.
            return String.format(Locale.ROOT, ROW, result, r.family(), "-", "-", "-", "-", "-", r.name()).stripTrailing();
        }
        return String.format(Locale.ROOT, ROW, result, r.family(), number(w.maxAbsError()),
                number(w.maxRelError()), number(w.tolerance().atol()), number(w.tolerance().rtol()), used(w.used()), r.name()).stripTrailing();
    }

    private static String number(double v) {
        if (v == 0) return "0";
        if (Double.isInfinite(v)) return "inf";
        if (Double.isNaN(v)) return "nan";
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String used(double u) {
        if (Double.isInfinite(u)) return "inf";
        return String.format(Locale.ROOT, u >= 100 ? "%.0f" : "%.3f", u);
    }

    private static String summary(String backend, List<CaseResult> results, List<CaseResult> failed) {
        if (!failed.isEmpty()) return "verify: " + failed.size() + " of " + results.size() + " cases FAILED on " + backend;
        CaseResult worst = null;
        for (CaseResult r : results) {
            if (r.worst() != null && (worst == null || r.worst().used() > worst.worst().used())) worst = r;
        }
        return "verify: all " + results.size() + " cases passed on " + backend
                + (worst == null ? "" : "; the closest used " + used(worst.worst().used()) + " of its tolerance (" + worst.name() + ")");
    }

    private static String json(String device, String reference, List<CaseResult> results) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("device", device);
        root.put("reference", reference + " float64");
        root.put("cases", results.size());
        root.put("failed", results.stream().filter(r -> !r.passed()).count());
        root.put("passed", results.stream().allMatch(CaseResult::passed));
        ArrayNode list = root.putArray("results");
        for (CaseResult r : results) {
            ObjectNode o = list.addObject();
            o.put("family", r.family());
            o.put("case", r.name());
            o.put("passed", r.passed());
            if (r.failure() != null) o.put("failure", r.failure());
            ArrayNode checks = o.putArray("checks");
            for (Comparison c : r.checks()) {
                ObjectNode k = checks.addObject();
                k.put("what", c.what());
                k.put("values", c.count());
                k.put("mismatches", c.mismatches());
                k.put("max_abs_error", c.maxAbsError());
                k.put("max_rel_error", c.maxRelError());
                k.put("atol", c.tolerance().atol());
                k.put("rtol", c.tolerance().rtol());
                k.put("used", c.used());
            }
        }
        return root.toPrettyString();
    }

    /** The family names, for the option's help. */
    static final class FamilyNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        FamilyNames() { super(ConformanceKit.families().stream().map(ConformanceKit.Family::name).toList()); }
    }
}
