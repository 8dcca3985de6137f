package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.backend.ops.PoolOps;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.conformance.BackendRequirement;
import io.github.convnet4j.conformance.ConformanceKit;
import io.github.convnet4j.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code convnet verify}: it runs the whole kit on the CPU and passes, runs on OpenCL, names the
 * unavailable CUDA in one line, and, above all, fails on a backend that is wrong in one op.
 */
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every family but conv (CpuConformanceTest runs that one; here it would double the suite's slowest part). */
    private static final List<String> ALL_BUT_CONV = ConformanceKit.families().stream().map(ConformanceKit.Family::name)
            .filter(n -> !n.equals("conv")).toList();

    @Test
    void theKitPassesOnTheCpuBackendWithEveryCaseReported() throws Exception {
        CliRun r = CliRun.of("verify", "--device", "cpu", "--json", "--family", String.join(",", ALL_BUT_CONV));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertTrue(root.get("passed").asBoolean(), r.out());
        assertEquals(0, root.get("failed").asInt());
        long expected;
        try (BackendPair pair = BackendPair.open(BackendPair.cpuProvider())) {
            expected = ConformanceKit.families().stream().filter(f -> ALL_BUT_CONV.contains(f.name()))
                    .mapToLong(f -> f.on(pair).cases().count()).sum();
        }
        assertEquals(expected, root.get("cases").asLong());
        assertEquals(expected, root.get("results").size());
        for (JsonNode c : root.get("results")) {
            assertTrue(c.get("passed").asBoolean(), c.toString());
            // Every case outside the tensor contract measures its outputs.
            if (!c.get("family").asText().equals("tensor-contract")) assertFalse(c.get("checks").isEmpty(), c.toString());
            for (JsonNode k : c.get("checks")) assertTrue(k.get("used").asDouble() <= 1, k.toString());
        }
        // The real-net shapes are part of the list, e.g. keras-mnist's first max pool at batch 32.
        assertTrue(r.out().contains("MAX x (32, 32, 26, 26) window 2x2"), "keras-mnist max_pooling2d_1 missing");
    }

    @Test
    void tableOnOpenClHasOneRowPerCaseAndASummary() {
        BackendRequirement.assumeAvailable(BackendRegistry.discover().provider("opencl"));
        CliRun r = CliRun.of("verify", "--device", "opencl", "--family", "pool,loss");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("verify: opencl"), lines.get(0));
        assertTrue(lines.get(1).startsWith("result"), lines.get(1));
        long rows = lines.stream().filter(l -> l.startsWith("PASS ")).count();
        assertTrue(rows > 40, "pool and loss have more than 40 cases: " + rows);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("verify: all " + rows + " cases passed on opencl"), lines.get(lines.size() - 1));
    }

    @Test
    void failsWhenOneOpOfTheBackendIsWrong() {
        List<ConformanceKit.Family> families = ConformanceKit.families().stream()
                .filter(f -> f.name().equals("pool") || f.name().equals("gemm")).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try (BackendPair pair = BackendPair.open(() -> new SlightlyWrongPoolBackward(BackendPair.cpuProvider().open("")))) {
            code = VerifyCommand.verify(pair, families, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, table);
        List<String> rows = table.lines().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL ")).toList();
        assertTrue(rows.size() > 80, table);
        for (String row : rows) {
            boolean perturbed = row.contains(" pool ") && row.endsWith("/ backward");
            assertEquals(perturbed ? "FAIL" : "PASS", row.substring(0, 4), row);
        }
        assertTrue(table.contains("failures:") && table.contains("pool backward dx"), table);
        List<String> errLines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, errLines.size(), errLines.toString());
        assertTrue(errLines.get(0).matches("convnet: error: verify: \\d+ of \\d+ cases failed on cpu .*first: .*backward"), errLines.get(0));
    }

    @Test
    void cudaWithoutAGpuIsOneLine() {
        assumeFalse(BackendRegistry.discover().provider("cuda").probe().available(), "a CUDA device is present");
        CliRun r = CliRun.of("verify", "--device", "cuda");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        List<String> lines = r.errorLines().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("convnet: error: cuda is not available: "), lines.get(0));
    }

    @Test
    void anUnknownFamilyIsAUsageError() {
        CliRun r = CliRun.of("verify", "--device", "cpu", "--family", "convolution");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown family 'convolution' (choose from tensor-contract, conv, pool"), r.err());
    }

    /**
     * The CPU backend with one op wrong by a little: pool backward adds 1e-4 to the first element of
     * dx, a tenth of a percent of a typical gradient, far below what a user would notice in a loss.
     */
    private static final class SlightlyWrongPoolBackward extends ForwardingBackend {
        SlightlyWrongPoolBackward(Backend inner) { super(inner); }

        @Override public PoolOps pool() {
            PoolOps inner = inner().pool();
            return new PoolOps() {
                @Override public void forward(PoolParams p, Tensor x, Tensor y) { inner.forward(p, x, y); }

                @Override public void backward(PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx) {
                    inner.backward(p, x, y, dy, dx);
                    float[] v = new float[Math.toIntExact(dx.size())];
                    download(dx, v, 0);
                    v[0] += 1e-4f;
                    upload(v, 0, dx);
                }
            };
        }
    }
}
