package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The learning-rate schedule and the augmentation reach each training step, checked bit for bit
 * through {@link Trainer#fit} alone: a schedule that is zero for a whole epoch must leave the
 * weights exactly where they were, and training with {@code flip=1} must equal training on data
 * flipped beforehand. Either fails if the trainer stops passing the setting on.
 */
class TrainerSettingsReachTheStepTest {
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    /** Flatten and one softmax Dense: no dropout or batch-norm statistics, so only the optimizer moves weights. */
    private static final ModelSpec LINEAR = ModelSpec.of("linear", Shape.of(1, 8, 8), List.of(
            LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 4, "activation", "softmax")));

    private Model trained(Dataset data, TrainConfig config) throws IOException {
        Model m = Model.of(LINEAR);
        m.build(backend, DType.F32, 3);
        new Trainer().fit(m, data, null, config, null);
        return m;
    }

    @Test void aScheduleAtZeroFreezesTheWeights() throws IOException {
        Dataset data = SyntheticData.quadrants(96, 8, 7);
        // cosine decaying over 1 epoch: after it the rate is min = 0 exactly (cos(pi) = -1).
        TrainConfig one = TrainConfig.builder().epochs(1).batchSize(16).optimizer("sgd:lr=0.5").schedule("cosine:epochs=1").seed(4).build();
        TrainConfig two = one.toBuilder().epochs(2).build();
        try (Model afterOne = trained(data, one); Model afterTwo = Model.of(LINEAR)) {
            afterTwo.build(backend, DType.F32, 3);
            TrainResult r = new Trainer().fit(afterTwo, data, null, two, null);
            assertEquals(0.0, r.history().get(1).learningRate(), "epoch 2 runs at the schedule's floor");
            TrainAssertions.assertSameWeights(afterOne, afterTwo);
        }
        // The same two epochs at a constant rate do move the weights, so the check above can fail.
        try (Model afterOne = trained(data, one.toBuilder().schedule("constant").build());
             Model afterTwo = trained(data, two.toBuilder().schedule("constant").build())) {
            assertThrows(AssertionError.class, () -> TrainAssertions.assertSameWeights(afterOne, afterTwo));
        }
    }

    @Test void flipWithProbabilityOneEqualsTrainingOnFlippedData() throws IOException {
        Dataset data = SyntheticData.quadrants(64, 8, 9);
        float[] flipped = data.images().clone();
        for (int row = 0; row < flipped.length / 8; row++) {
            for (int x = 0; x < 4; x++) {
                float t = flipped[row * 8 + x];
                flipped[row * 8 + x] = flipped[row * 8 + 7 - x];
                flipped[row * 8 + 7 - x] = t;
            }
        }
        Dataset mirrored = new Dataset(flipped, data.labels(), data.sampleShape(), data.numClasses(), data.classNames());
        TrainConfig plain = TrainConfig.builder().epochs(2).batchSize(16).optimizer("sgd:lr=0.5").seed(8).build();
        try (Model augmented = trained(data, plain.toBuilder().augmentation("flip=1").build());
             Model onMirrored = trained(mirrored, plain);
             Model onOriginal = trained(data, plain)) {
            TrainAssertions.assertSameWeights(onMirrored, augmented);
            // Quadrant classes are not mirror-symmetric, so flipping changes what is learnt.
            assertThrows(AssertionError.class, () -> TrainAssertions.assertSameWeights(onOriginal, augmented));
        }
    }
}
