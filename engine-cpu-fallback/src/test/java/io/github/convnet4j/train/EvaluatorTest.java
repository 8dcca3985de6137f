package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's batch size and its clean-up. (Aggregation over batches: {@code EvaluatorAggregationTest}.)
 *
 * <p>Equivalent mutant left alone: {@code done < n} moved to {@code done <= n} only copies the
 * arrays at their full length.
 */
class EvaluatorTest {
    private final Backend cpu = new CpuBackendProvider().open("");

    @AfterEach void close() { cpu.close(); }

    private static Model built(Backend backend) {
        Model m = Model.of(SyntheticData.smallConvNet(4));
        m.build(backend, DType.F32, 5);
        return m;
    }

    @Test void batchesOfOneGiveTheSameNumbersAndZeroIsRefused() {
        Dataset data = SyntheticData.quadrants(10, 8, 4);
        try (Model m = built(cpu); Evaluator ones = new Evaluator(m, null, 4, 1); Evaluator whole = new Evaluator(m, null, 4, 10)) {
            Evaluation a = ones.evaluate(data, false), b = whole.evaluate(data, false);
            assertEquals(b.loss(), a.loss(), 1e-6 * b.loss());
            assertEquals(b.accuracy(), a.accuracy());
            assertEquals(10, a.samples());
            assertEquals("batch size must be >= 1, got 0",
                    assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, null, 4, 0)).getMessage());
        }
    }

    /** Batches of 16, 16 and 8: two sets of input, target and scratch, all freed by close; the model's own tensors stay. */
    @Test void closeFreesTheBatchTensors() {
        CountingBackend b = new CountingBackend(cpu);
        try (Model m = built(b)) {
            Evaluator ev = new Evaluator(m, null, 4, 16);
            ev.evaluate(SyntheticData.quadrants(40, 8, 4), false);
            List<Tensor> open = b.tensors().stream().filter(t -> !b.closed(t)).toList();
            ev.close();
            List<String> freed = open.stream().filter(b::closed).map(t -> t.shape().toString()).sorted().toList();
            assertEquals(List.of("(16, 1, 8, 8)", "(16, 4)", "(16, 4)", "(8, 1, 8, 8)", "(8, 4)", "(8, 4)"), freed);
            for (var p : m.parameters()) assertEquals(false, b.closed(p.value()), p.name());
        }
    }
}
