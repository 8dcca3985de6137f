package io.github.convnet4j.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Equivalent mutant left alone: the support-weighted averages skip classes with support 0
 * ({@code s > 0}); moved to {@code s >= 0} they add 0 * score and 0 to the weight.
 */
class ConfusionMatrixTest {
    private static final double EPS = 1e-12;

    /**
     * True/predicted pairs giving rows [3 1 0], [0 2 1], [2 0 1] (rows true, columns predicted).
     * Column sums 5, 3, 2; row sums (support) 4, 3, 3; diagonal 3, 2, 1.
     */
    static ConfusionMatrix example() {
        int[][] pairs = {{0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 0}, {2, 0}};
        ConfusionMatrix m = new ConfusionMatrix(3);
        for (int[] p : pairs) m.add(p[0], p[1]);
        return m;
    }

    @Test
    void countsAndPerClassScoresWorkedByHand() {
        ConfusionMatrix m = example();
        assertArrayEquals(new long[]{3, 1, 0}, m.toArray()[0]);
        assertArrayEquals(new long[]{0, 2, 1}, m.toArray()[1]);
        assertArrayEquals(new long[]{2, 0, 1}, m.toArray()[2]);
        assertEquals(10, m.total());
        assertEquals(0.6, m.accuracy(), EPS);                 // 6 correct of 10
        assertEquals(3.0 / 5, m.precision(0), EPS);           // 3 of 5 predicted 0
        assertEquals(3.0 / 4, m.recall(0), EPS);              // 3 of 4 true 0
        assertEquals(2.0 / 3, m.f1(0), EPS);                  // 2 * .6 * .75 / 1.35
        assertEquals(2.0 / 3, m.precision(1), EPS);
        assertEquals(2.0 / 3, m.recall(1), EPS);
        assertEquals(2.0 / 3, m.f1(1), EPS);
        assertEquals(1.0 / 2, m.precision(2), EPS);
        assertEquals(1.0 / 3, m.recall(2), EPS);
        assertEquals(2.0 / 5, m.f1(2), EPS);                  // 2 * (1/6) / (5/6)
        assertEquals(4, m.support(0));
        assertEquals(5, m.predicted(0));
    }

    @Test
    void averagesWorkedByHand() {
        ConfusionMatrix m = example();
        assertEquals(26.0 / 45, m.macroF1(), EPS);            // (2/3 + 2/3 + 2/5) / 3
        assertEquals(44.0 / 75, m.weightedF1(), EPS);         // (4*2/3 + 3*2/3 + 3*2/5) / 10
        assertEquals(53.0 / 90, m.macroPrecision(), EPS);     // (3/5 + 2/3 + 1/2) / 3
        assertEquals(7.0 / 12, m.macroRecall(), EPS);         // (3/4 + 2/3 + 1/3) / 3
        assertEquals(m.accuracy(), m.weightedRecall(), EPS);  // support-weighted recall is accuracy
    }

    @Test
    void undefinedRatiosAreZeroAndUnseenClassesLeaveMacroAlone() {
        // y_true = [0, 0], y_pred = [0, 2], four classes: class 2 predicted but absent, 1 and 3 unseen.
        ConfusionMatrix m = new ConfusionMatrix(4);
        m.add(0, 0);
        m.add(0, 2);
        assertEquals(0, m.precision(1));
        assertEquals(0, m.recall(1));
        assertEquals(0, m.f1(1));
        assertEquals(0, m.precision(2), "1 prediction, 0 right");
        assertEquals(0, m.recall(2), "no true samples: undefined, reported as 0");
        assertTrue(m.seen(2));
        assertFalse(m.seen(3));
        // Macro over the seen classes {0, 2}: f1_0 = 2*1*.5/1.5 = 2/3, f1_2 = 0 -> 1/3 (sklearn: the same).
        assertEquals(1.0 / 3, m.macroF1(), EPS);
        assertEquals(2.0 / 3, m.weightedF1(), EPS, "only class 0 has support");
        ConfusionMatrix empty = new ConfusionMatrix(2);
        assertEquals(0, empty.accuracy());
        assertEquals(0, empty.macroF1());
    }

    @Test
    void fromScoresUsesArgmaxWithFirstIndexOnTiesAndNaNNeverWins() {
        float[] scores = {
                0.2f, 0.5f, 0.3f,      // -> 1
                0.4f, 0.4f, 0.2f,      // tie -> 0
                Float.NaN, 0.1f, 0.0f, // NaN ignored -> 1
                Float.NaN, Float.NaN, Float.NaN}; // all NaN -> 0
        ConfusionMatrix m = ConfusionMatrix.of(scores, 4, 3, new int[]{1, 1, 1, 2});
        assertEquals(2, m.count(1, 1), "samples 0 and 2");
        assertEquals(1, m.count(1, 0), "sample 1, the tie");
        assertEquals(1, m.count(2, 0), "sample 3, all NaN");
        assertEquals(4, m.total());
        assertEquals(1, ConfusionMatrix.argmax(scores, 6, 3));
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0));
        ConfusionMatrix sum = new ConfusionMatrix(3);
        sum.addAll(m);
        sum.addAll(m);
        assertEquals(8, sum.total());
    }
}
