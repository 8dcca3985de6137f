package io.github.convnet4j.train;

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
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private Model built(ModelSpec spec, Backend on) {
        Model m = Model.of(spec);
        m.build(on, DType.F32, 11);
        return m;
    }

    @Test void learnsASimpleProblemAndReportsProgress() throws IOException {
        Dataset train = SyntheticData.quadrants(768, 8, 1), test = SyntheticData.quadrants(256, 8, 2);
        List<String> events = new ArrayList<>();
        List<Double> runningLoss = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onEpochStart(int epoch, int epochs, int batches) { events.add("start " + epoch + "/" + epochs + " " + batches); }
            @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc, double ips) {
                runningLoss.add(loss);
                assertTrue(ips > 0 && acc >= 0 && acc <= 1);
            }
            @Override public void onEpochEnd(EpochResult r) { events.add("end " + r.epoch()); }
        };
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            TrainConfig c = TrainConfig.builder().epochs(4).batchSize(32).optimizer("adam:lr=0.01").seed(5).build();
            TrainResult r = new Trainer().fit(m, train, test, c, listener);
            assertEquals(List.of("start 1/4 24", "end 1", "start 2/4 24", "end 2", "start 3/4 24", "end 3", "start 4/4 24", "end 4"), events);
            assertEquals(96, runningLoss.size());
            assertEquals(4, r.history().size());
            assertNull(r.checkpoint());
            EpochResult last = r.history().get(3);
            assertTrue(last.valAccuracy() >= 0.95, "validation accuracy " + last.valAccuracy());
            assertTrue(last.loss() < r.history().get(0).loss(), "loss went down");
            assertEquals(0.01, last.learningRate());
            try (Evaluator ev = new Evaluator(m, null, 4, 50)) {
                Evaluation e = ev.evaluate(test, true);
                assertEquals(LossKind.SOFTMAX_CROSS_ENTROPY, ev.loss());
                // Inference is deterministic: same numbers as the trainer's last validation.
                assertEquals(last.valAccuracy(), e.accuracy());
                assertEquals(last.valLoss(), e.loss(), 1e-6 * last.valLoss());
                checkProbabilities(e, test);
                assertEquals(crossEntropy(e, test) + l2Penalty(m), e.loss(), 1e-5 * e.loss(), "loss = cross-entropy + L2 penalty");
                try (Predictor p = new Predictor(m, 64)) {
                    float[] probs = p.predict(test);
                    for (int i = 0; i < probs.length; i++) assertEquals(e.probabilities()[i], probs[i], 1e-6f, "probability " + i);
                }
            }
        }
    }

    /** Rows sum to 1 and the accuracy equals the share of rows whose argmax is the label. */
    private static void checkProbabilities(Evaluation e, Dataset data) {
        int correct = 0;
        for (int i = 0; i < e.samples(); i++) {
            double sum = 0;
            int best = 0;
            for (int k = 0; k < e.width(); k++) {
                float v = e.probabilities()[i * e.width() + k];
                sum += v;
                if (v > e.probabilities()[i * e.width() + best]) best = k;
            }
            assertEquals(1.0, sum, 1e-5, "row " + i);
            if (best == data.label(i)) correct++;
        }
        assertEquals((double) correct / e.samples(), e.accuracy());
    }

    /** Mean of -log p(label), from the probabilities. */
    private static double crossEntropy(Evaluation e, Dataset data) {
        double sum = 0;
        for (int i = 0; i < e.samples(); i++) sum -= Math.log(e.probabilities()[i * e.width() + data.label(i)]);
        return sum / e.samples();
    }

    /** 1e-3 * sum w^2 over the dense kernel, the only regularized parameter of the small convnet. */
    private static double l2Penalty(Model m) {
        double sum = 0;
        for (Parameter p : m.parameters()) {
            if (p.regularizer().isNone()) continue;
            assertEquals(1e-3, p.regularizer().l2());
            for (float w : HostCopies.download(p.value()).data()) sum += (double) w * w;
        }
        assertTrue(sum > 0);
        return 1e-3 * sum;
    }

    @Test void noDeviceAllocationAfterWarmUp() throws IOException {
        CountingBackend counting = new CountingBackend(backend);
        Dataset train = SyntheticData.quadrants(128, 8, 3), validation = SyntheticData.quadrants(64, 8, 4);
        int[] afterFirstEpoch = {-1};
        int[] atEnd = {-1};
        try (Model m = built(SyntheticData.smallConvNet(4), counting)) {
            TrainConfig c = TrainConfig.builder().epochs(3).batchSize(32).optimizer("adam").seed(1).build();
            new Trainer().fit(m, train, validation, c, new TrainingListener() {
                @Override public void onEpochEnd(EpochResult r) {
                    if (r.epoch() == 1) afterFirstEpoch[0] = counting.allocations();
                    atEnd[0] = counting.allocations();
                }
            });
        }
        assertTrue(afterFirstEpoch[0] > 0);
        assertEquals(afterFirstEpoch[0], atEnd[0], "device allocations during epochs 2 and 3");
    }

    @Test void binarySigmoidOutputInfersBinaryCrossEntropy() throws IOException {
        Dataset four = SyntheticData.quadrants(256, 8, 6);
        int[] labels = new int[four.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = four.label(i) % 2;   // left vs right half
        Dataset two = new Dataset(four.images(), labels, four.sampleShape(), 2, null);
        ModelSpec spec = ModelSpec.of("binary", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 1, "activation", "sigmoid")));
        try (Model m = built(spec, backend)) {
            TrainConfig c = TrainConfig.builder().epochs(4).batchSize(32).optimizer("adam:lr=0.05").seed(2).build();
            TrainResult r = new Trainer().fit(m, two, two, c, null);
            assertTrue(r.history().get(3).valAccuracy() > 0.9, r.history().toString());
            try (Evaluator ev = new Evaluator(m, null, 2, 64)) {
                assertEquals(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, ev.loss());
                Evaluation e = ev.evaluate(two, true);
                int correct = 0;
                for (int i = 0; i < two.size(); i++) if ((e.probabilities()[i] >= 0.5f) == (two.label(i) == 1)) correct++;
                assertEquals((double) correct / two.size(), e.accuracy());
            }
        }
    }

    @Test void mismatchesAreOneLineErrors() {
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            Dataset threeClasses = new Dataset(new float[64 * 2], new int[] {0, 2}, Shape.of(1, 8, 8), 3, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, threeClasses, null, TrainConfig.builder().epochs(1).build(), null));
            assertEquals("the model outputs 4 values per sample but the data has 3 classes (the last Dense layer needs 3 units)", e.getMessage());
            Dataset wrongShape = SyntheticData.quadrants(8, 10, 1);
            e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().fit(m, wrongShape, null, TrainConfig.builder().epochs(1).build(), null));
            assertEquals("the data's samples are (1, 10, 10) but the model takes (1, 8, 8)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Trainer().fit(m, SyntheticData.quadrants(8, 8, 1), null,
                    TrainConfig.builder().epochs(1).schedule("plateau").build(), null));
            assertTrue(e.getMessage().contains("monitors val_loss but there is no validation data"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Trainer().fit(m, SyntheticData.quadrants(8, 8, 1), null,
                    TrainConfig.builder().epochs(1).loss(LossKind.SIGMOID_BINARY_CROSS_ENTROPY).build(), null));
            assertTrue(e.getMessage().startsWith("binary cross-entropy needs a sigmoid"), e.getMessage());
        }
    }

    @Test void divergenceStopsWithAClearMessage() {
        try (Model m = built(SyntheticData.smallConvNet(4), backend)) {
            TrainConfig c = TrainConfig.builder().epochs(2).batchSize(16).optimizer("sgd:lr=1e30").build();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Trainer().fit(m, SyntheticData.quadrants(64, 8, 1), null, c, null));
            assertTrue(e.getMessage().startsWith("loss became") && e.getMessage().contains("lower learning rate"), e.getMessage());
        }
    }
}
