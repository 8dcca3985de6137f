package io.github.convnet4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The support-weighted precision, worked by hand on {@link ConfusionMatrixTest#example()}, and the matrix's limits. */
class ConfusionMatrixWeightedPrecisionTest {
    private static final double EPS = 1e-12;

    @Test void weightedPrecisionWorkedByHand() {
        // Precisions 3/5, 2/3, 1/2 with supports 4, 3, 3: (4 * 3/5 + 3 * 2/3 + 3 * 1/2) / 10 = 5.9 / 10.
        assertEquals(0.59, ConfusionMatrixTest.example().weightedPrecision(), EPS);
    }

    @Test void classesWithoutSupportWeighNothing() {
        // y_true = [0, 0, 0], y_pred = [0, 0, 2]: class 2 is predicted once (precision 0) but has no support.
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 2);
        assertEquals(1.0, m.weightedPrecision(), EPS);
        assertEquals(0.5, m.macroPrecision(), EPS, "macro counts the predicted class 2 (precision 0)");
        assertEquals(0, new ConfusionMatrix(2).weightedPrecision());
    }

    @Test void addAllSumsCountsOfTheSameSizeOnly() {
        ConfusionMatrix a = ConfusionMatrixTest.example();
        a.addAll(ConfusionMatrixTest.example());
        assertEquals(20, a.total());
        assertEquals(6, a.count(0, 0));
        assertEquals(0.59, a.weightedPrecision(), EPS, "doubling every count keeps every ratio");
        assertThrows(IllegalArgumentException.class, () -> a.addAll(new ConfusionMatrix(2)));
    }

    @Test void classPairsOutsideTheMatrixAreRefused() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        for (int[] p : new int[][] {{-1, 0}, {3, 0}, {0, -1}, {0, 3}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(p[0], p[1]));
            assertEquals("class pair (" + p[0] + ", " + p[1] + ") outside [0, 3)", e.getMessage());
        }
        m.add(2, 2);
        assertEquals(1, m.count(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0));
        assertEquals(3, m.numClasses());
    }

    @Test void fromScoresChecksTheScoresAndLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new float[] {0.1f, 0.9f, 0.8f, 0.2f}, 2, 2, new int[] {1, 2}));
        assertEquals("label 2 of sample 1 is outside [0, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new float[3], 2, 2, new int[] {0, 1}));
        assertEquals("scores (2, 2) need 4 values, got 3", e.getMessage());
        ConfusionMatrix m = ConfusionMatrix.of(new float[] {0.1f, 0.9f, 0.8f, 0.2f}, 2, 2, new int[] {1, 1});
        assertEquals(1, m.count(1, 1));
        assertEquals(1, m.count(1, 0));
    }
}
