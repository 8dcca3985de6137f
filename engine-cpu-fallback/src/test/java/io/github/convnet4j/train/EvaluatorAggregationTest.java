package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Evaluator} and {@link Predictor} over batches that do not divide the data: the loss and
 * accuracy they report equal what the host computes from the per-sample outputs they return, for
 * each loss and target layout (one-hot rows, a single sigmoid output on two classes, a single
 * linear output thresholded at 0.5). Untrained models: only the bookkeeping is under test.
 */
class EvaluatorAggregationTest {
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private Model built(String activation, int units) {
        Model m = Model.of(ModelSpec.of("m", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", units, "activation", activation))));
        m.build(backend, DType.F32, 21);
        return m;
    }

    private static Dataset twoClasses(Dataset four) {
        int[] labels = new int[four.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = four.label(i) % 2;
        return new Dataset(four.images(), labels, four.sampleShape(), 2, null);
    }

    @Test void meanSquaredErrorAndArgmaxAccuracyOverUnevenBatches() {
        Dataset data = SyntheticData.quadrants(7, 8, 3);
        try (Model m = built("linear", 4); Evaluator ev = new Evaluator(m, LossKind.MEAN_SQUARED_ERROR, 4, 3)) {
            assertEquals(LossKind.MEAN_SQUARED_ERROR, ev.loss());
            Evaluation e = ev.evaluate(data, true);
            float[] out = e.probabilities();
            assertEquals(7, e.samples());
            assertEquals(4, e.width());
            double sq = 0;
            int correct = 0;
            for (int i = 0; i < 7; i++) {
                int best = 0;
                for (int k = 0; k < 4; k++) {
                    double d = out[i * 4 + k] - (data.label(i) == k ? 1 : 0);
                    sq += d * d;
                    if (out[i * 4 + k] > out[i * 4 + best]) best = k;
                }
                if (best == data.label(i)) correct++;
            }
            assertEquals(sq / 28, e.loss(), 1e-6);
            assertEquals(correct / 7.0, e.accuracy());
            try (Predictor p = new Predictor(m, 2)) {
                assertEquals(4, p.width());
                assertArrayEquals(out, p.predict(data), "raw outputs: a linear model has no final activation to apply");
            }
            Evaluation without = ev.evaluate(data, false);
            assertNull(without.probabilities());
            assertEquals(e.loss(), without.loss());
        }
    }

    @Test void meanAbsoluteError() {
        Dataset data = SyntheticData.quadrants(5, 8, 4);
        try (Model m = built("linear", 4); Evaluator ev = new Evaluator(m, LossKind.MEAN_ABSOLUTE_ERROR, 4, 2)) {
            Evaluation e = ev.evaluate(data, true);
            double abs = 0;
            for (int i = 0; i < 5; i++) for (int k = 0; k < 4; k++) abs += Math.abs(e.probabilities()[i * 4 + k] - (data.label(i) == k ? 1 : 0));
            assertEquals(abs / 20, e.loss(), 1e-6);
        }
    }

    @Test void softmaxCrossEntropyReportsProbabilitiesNotLogits() {
        Dataset data = SyntheticData.quadrants(9, 8, 5);
        try (Model m = built("softmax", 4); Evaluator ev = new Evaluator(m, null, 4, 4)) {
            assertEquals(LossKind.SOFTMAX_CROSS_ENTROPY, ev.loss());
            Evaluation e = ev.evaluate(data, true);
            double ce = 0;
            for (int i = 0; i < 9; i++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) sum += e.probabilities()[i * 4 + k];
                assertEquals(1, sum, 1e-5, "row " + i + " is a distribution");
                ce -= Math.log(e.probabilities()[i * 4 + data.label(i)]);
            }
            assertEquals(ce / 9, e.loss(), 1e-5);
            try (Predictor p = new Predictor(m, 4)) {
                assertArrayEquals(e.probabilities(), p.predict(data), 1e-6f);
            }
        }
    }

    @Test void oneSigmoidOutputOnTwoClasses() {
        Dataset data = twoClasses(SyntheticData.quadrants(11, 8, 6));
        try (Model m = built("sigmoid", 1); Evaluator ev = new Evaluator(m, null, 2, 4)) {
            assertEquals(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, ev.loss());
            Evaluation e = ev.evaluate(data, true);
            assertEquals(1, e.width());
            double bce = 0;
            int correct = 0;
            for (int i = 0; i < 11; i++) {
                double p = e.probabilities()[i];
                assertTrue(p > 0 && p < 1, "a probability, not a logit: " + p);
                bce -= data.label(i) == 1 ? Math.log(p) : Math.log(1 - p);
                if ((p >= 0.5) == (data.label(i) == 1)) correct++;
            }
            assertEquals(bce / 11, e.loss(), 1e-5);
            assertEquals(correct / 11.0, e.accuracy());
        }
    }

    @Test void oneLinearOutputIsThresholdedAtOneHalf() {
        Dataset data = twoClasses(SyntheticData.quadrants(13, 8, 7));
        try (Model m = built("linear", 1); Evaluator ev = new Evaluator(m, LossKind.MEAN_SQUARED_ERROR, 2, 5)) {
            Evaluation e = ev.evaluate(data, true);
            int correct = 0;
            double sq = 0;
            for (int i = 0; i < 13; i++) {
                float o = e.probabilities()[i];
                if ((o >= 0.5f) == (data.label(i) == 1)) correct++;
                sq += (o - data.label(i)) * (o - data.label(i));
            }
            assertEquals(correct / 13.0, e.accuracy());
            assertEquals(sq / 13, e.loss(), 1e-6);
        }
    }

    @Test void mismatchesAndEmptyDataAreRefused() {
        try (Model m = built("softmax", 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, null, 4, 0));
            assertEquals("batch size must be >= 1, got 0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Predictor(m, 0));
            e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, null, 3, 8));
            assertEquals("the model outputs 4 values per sample but the data has 3 classes (the last Dense layer needs 3 units)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, null, 2, 8));
            assertEquals("the model outputs 4 values per sample but the data has 2 classes (the last Dense layer needs 2 units, or 1 with sigmoid)",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, LossKind.SIGMOID_BINARY_CROSS_ENTROPY, 4, 8));
            assertEquals("binary cross-entropy needs a sigmoid (or linear) final activation, the model ends in softmax", e.getMessage());
            try (Evaluator ev = new Evaluator(m, null, 4, 8)) {
                Dataset empty = new Dataset(new float[0], new int[0], Shape.of(1, 8, 8), 4, null);
                e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(empty, false));
                assertEquals("the data set is empty", e.getMessage());
                Dataset five = new Dataset(new float[64], new int[] {0}, Shape.of(1, 8, 8), 5, null);
                e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(five, false));
                assertEquals("the data has 5 classes but the model was set up for 4", e.getMessage());
            }
            try (Predictor p = new Predictor(m, 3)) {
                e = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[127], 2));
                assertEquals("2 samples of (1, 8, 8) need 128 values, got 127", e.getMessage());
                assertEquals(0, p.predict(new float[0], 0).length);
            }
        }
        try (Model relu = built("relu", 4); Evaluator ev = new Evaluator(relu, null, 4, 8)) {
            assertEquals(LossKind.MEAN_SQUARED_ERROR, ev.loss(), "neither softmax nor sigmoid: mean squared error");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(relu, LossKind.SOFTMAX_CROSS_ENTROPY, 4, 8));
            assertEquals("categorical cross-entropy needs a softmax (or linear) final activation, the model ends in relu", e.getMessage());
        }
    }

    @Test void aNonVectorOutputIsRefused() {
        Model m = Model.of(ModelSpec.of("conv", Shape.of(1, 8, 8), List.of(LayerSpec.of("Conv2D", "filters", 2, "kernel_size", 3))));
        m.build(backend, DType.F32, 1);
        try (m) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, null, 2, 8));
            assertEquals("the model's output (2, 6, 6) is not a vector (add Flatten and Dense)", e.getMessage());
        }
    }
}
