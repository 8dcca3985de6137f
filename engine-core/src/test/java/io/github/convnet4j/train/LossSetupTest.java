package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which loss a model gets, whether it runs on logits, the binary target layout, and the refusals; per-class probabilities.
 *
 * <p>Equivalent mutant left alone: {@code resolve}'s {@code finalActivation() == null} check; every
 * layer's output activation is at least {@code LINEAR}, never null.
 */
class LossSetupTest {
    private static Model ending(int units, String activation) {
        List<LayerSpec> layers = new ArrayList<>(List.of(LayerSpec.of("Flatten")));
        layers.add(activation == null ? LayerSpec.of("Dense", "units", units) : LayerSpec.of("Dense", "units", units, "activation", activation));
        return Model.of(ModelSpec.of("m", Shape.of(1, 2, 2), layers));
    }

    private static void assertSetup(LossSetup s, LossKind kind, boolean logits, int width, boolean binary) {
        assertEquals(new LossSetup(kind, logits, width, binary), s);
    }

    @Test void theFinalActivationChoosesTheLossWhenNoneIsConfigured() {
        assertSetup(LossSetup.resolve(null, ending(3, "softmax"), 3), LossKind.SOFTMAX_CROSS_ENTROPY, true, 3, false);
        assertSetup(LossSetup.resolve(null, ending(1, "sigmoid"), 2), LossKind.SIGMOID_BINARY_CROSS_ENTROPY, true, 1, true);
        assertSetup(LossSetup.resolve(null, ending(3, "sigmoid"), 3), LossKind.SIGMOID_BINARY_CROSS_ENTROPY, true, 3, false);
        assertSetup(LossSetup.resolve(null, ending(3, null), 3), LossKind.MEAN_SQUARED_ERROR, false, 3, false);
        assertSetup(LossSetup.resolve(null, ending(3, "relu"), 3), LossKind.MEAN_SQUARED_ERROR, false, 3, false);
        assertSetup(LossSetup.resolve(null, ending(2, "softmax"), 2), LossKind.SOFTMAX_CROSS_ENTROPY, true, 2, false);
        // A softmax over one value is constant: that is no classifier, so it falls back to MSE.
        assertSetup(LossSetup.resolve(null, ending(1, "softmax"), 2), LossKind.MEAN_SQUARED_ERROR, false, 1, true);
    }

    @Test void aConfiguredLossWinsOverTheSpecsAndTheSpecsOverTheActivation() {
        Model withSpecLoss = Model.of(ending(3, "softmax").spec().withLoss(LossKind.MEAN_ABSOLUTE_ERROR));
        assertSetup(LossSetup.resolve(null, withSpecLoss, 3), LossKind.MEAN_ABSOLUTE_ERROR, false, 3, false);
        assertSetup(LossSetup.resolve(LossKind.MEAN_SQUARED_ERROR, withSpecLoss, 3), LossKind.MEAN_SQUARED_ERROR, false, 3, false);
        // Cross-entropies accept a linear output (they run on it as logits).
        assertSetup(LossSetup.resolve(LossKind.SOFTMAX_CROSS_ENTROPY, ending(3, null), 3), LossKind.SOFTMAX_CROSS_ENTROPY, true, 3, false);
        assertSetup(LossSetup.resolve(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, ending(1, null), 2), LossKind.SIGMOID_BINARY_CROSS_ENTROPY, true, 1, true);
    }

    @Test void outputsThatDoNotFitTheLabelsOrTheLossAreRefused() {
        assertEquals("the model outputs 3 values per sample but the data has 4 classes (the last Dense layer needs 4 units)",
                assertThrows(IllegalArgumentException.class, () -> LossSetup.resolve(null, ending(3, "softmax"), 4)).getMessage());
        assertEquals("the model outputs 3 values per sample but the data has 2 classes (the last Dense layer needs 2 units, or 1 with sigmoid)",
                assertThrows(IllegalArgumentException.class, () -> LossSetup.resolve(null, ending(3, "softmax"), 2)).getMessage());
        assertEquals("the model outputs 1 values per sample but the data has 3 classes (the last Dense layer needs 3 units)",
                assertThrows(IllegalArgumentException.class, () -> LossSetup.resolve(null, ending(1, "sigmoid"), 3)).getMessage());
        assertEquals("categorical cross-entropy needs a softmax (or linear) final activation, the model ends in sigmoid",
                assertThrows(IllegalArgumentException.class, () -> LossSetup.resolve(LossKind.SOFTMAX_CROSS_ENTROPY, ending(3, "sigmoid"), 3)).getMessage());
        assertEquals("binary cross-entropy needs a sigmoid (or linear) final activation, the model ends in softmax",
                assertThrows(IllegalArgumentException.class, () -> LossSetup.resolve(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, ending(3, "softmax"), 3)).getMessage());
        Model spatial = Model.of(ModelSpec.of("s", Shape.of(1, 4, 4), List.of(LayerSpec.of("Conv2D", "filters", 2, "kernel_size", 3))));
        assertEquals("the model's output (2, 2, 2) is not a vector (add Flatten and Dense)",
                assertThrows(IllegalArgumentException.class, () -> LossSetup.resolve(null, spatial, 2)).getMessage());
    }

    @Test void binaryTargetsAreTheSecondOneHotColumn() {
        float[] oneHot = {1, 0, 0, 1, 0, 1};
        float[] scratch = new float[3];
        assertSame(scratch, new LossSetup(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, true, 1, true).targets(oneHot, 3, scratch));
        assertArrayEquals(new float[] {0, 1, 1}, scratch);
        assertSame(oneHot, new LossSetup(LossKind.SOFTMAX_CROSS_ENTROPY, true, 2, false).targets(oneHot, 3, scratch));
    }

    @Test void oneSigmoidOutputBecomesTwoClassColumns() {
        assertEquals(2, ClassProbabilities.classes(1));
        assertEquals(5, ClassProbabilities.classes(5));
        assertArrayEquals(new float[] {0.75f, 0.25f, 0.125f, 0.875f}, ClassProbabilities.of(new float[] {0.25f, 0.875f}, 2, 1));
        float[] wide = {0.5f, 0.5f};
        assertSame(wide, ClassProbabilities.of(wide, 1, 2));
    }
}
