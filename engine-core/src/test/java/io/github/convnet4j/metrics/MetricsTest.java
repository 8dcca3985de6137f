package io.github.convnet4j.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Top-k accuracy and ROC AUC on hand-worked cases.
 *
 * <p>Equivalent mutants left alone: {@code RocAuc.binary}'s early NaN for data without positives or
 * without negatives (the rank formula gives U = 0 over 0 pairs, NaN as well; it also skips the
 * sort), and {@code oneVsRest}'s NaN macro when every class is skipped (0 / 0 is NaN as well).
 */
class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void topKCountsTiesTowardsTheLowerIndexLikeArgmax() {
        float[] s = {
                0.10f, 0.30f, 0.30f, 0.10f, 0.10f, 0.10f,  // true 2: one score above-or-tied-lower (class 1) -> rank 1
                0.90f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f,  // true 0: rank 0
                0.50f, 0.10f, 0.10f, 0.10f, 0.10f, 0.10f}; // true 5: classes 0..4 all rank ahead -> rank 5
        int[] y = {2, 0, 5};
        assertEquals(1.0 / 3, Metrics.topKAccuracy(s, 3, 6, y, 1), EPS);
        assertEquals(2.0 / 3, Metrics.topKAccuracy(s, 3, 6, y, 2), EPS);
        assertEquals(2.0 / 3, Metrics.topKAccuracy(s, 3, 6, y, 5), EPS);
        assertEquals(1.0, Metrics.topKAccuracy(s, 3, 6, y, 6), EPS);
        assertEquals(ConfusionMatrix.of(s, 3, 6, y).accuracy(), Metrics.topKAccuracy(s, 3, 6, y, 1), EPS);
        assertThrows(IllegalArgumentException.class, () -> Metrics.topKAccuracy(s, 3, 6, new int[]{0, 6, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> Metrics.topKAccuracy(s, 4, 6, new int[]{0, 0, 0, 0}, 1));
    }

    @Test
    void binaryAucWithTiesWorkedByHand() {
        // Positives score {0.35, 0.8, 0.4}, negatives {0.1, 0.4}. Pairs won: 0.35 beats 0.1 (1), loses
        // to 0.4 (0); 0.8 beats both (2); 0.4 beats 0.1 (1), ties 0.4 (0.5). 4.5 of 6 pairs = 0.75.
        // Rank form: sorted 0.1(1) 0.35(2) 0.4,0.4(3.5 each) 0.8(5); positive ranks 2 + 3.5 + 5 = 10.5,
        // U = 10.5 - 3*4/2 = 4.5.
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] pos = {false, false, true, true, true};
        assertEquals(0.75, RocAuc.binary(scores, pos), EPS);
    }

    @Test
    void rankFormulaAgreesWithCountingEveryPair() {
        // An independent O(n^2) definition on random data with many ties (scores on a coarse grid).
        io.github.convnet4j.util.Rng rng = new io.github.convnet4j.util.Rng(2024);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rng.nextInt(200);
            double[] s = new double[n];
            boolean[] pos = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = rng.nextInt(7) / 7.0;
                pos[i] = rng.nextDouble() < 0.3 + 0.4 * s[i];
            }
            double won = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (pos[i] && !pos[j]) {
                        pairs++;
                        won += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            double expected = pairs == 0 ? Double.NaN : won / pairs;
            assertEquals(expected, RocAuc.binary(s, pos), 1e-12, "trial " + trial);
        }
    }

    @Test
    void binaryAucEdgeCases() {
        assertEquals(1.0, RocAuc.binary(new double[]{0.1, 0.2, 0.9}, new boolean[]{false, false, true}), EPS);
        assertEquals(0.0, RocAuc.binary(new double[]{0.1, 0.2, 0.9}, new boolean[]{true, true, false}), EPS);
        assertEquals(0.5, RocAuc.binary(new double[]{3, 3, 3, 3}, new boolean[]{true, false, true, false}), EPS);
        assertTrue(Double.isNaN(RocAuc.binary(new double[]{1, 2}, new boolean[]{true, true})), "no negatives: undefined");
        assertEquals(1.0, RocAuc.binary(new double[]{Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, new boolean[]{false, true}), EPS);
        assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(new double[]{Double.NaN, 1}, new boolean[]{true, false}));
    }

    @Test
    void oneVsRestWorkedByHand() {
        float[] p = {
                0.7f, 0.2f, 0.1f, 0f,   // y = 0
                0.3f, 0.4f, 0.3f, 0f,   // y = 1
                0.2f, 0.2f, 0.6f, 0f,   // y = 2
                0.5f, 0.2f, 0.3f, 0f};  // y = 1
        int[] y = {0, 1, 2, 1};
        RocAuc.Result r = RocAuc.oneVsRest(p, 4, 4, y);
        // Class 0: positive 0.7 above negatives 0.3, 0.2, 0.5 -> 1.
        assertEquals(1.0, r.perClass()[0], EPS);
        // Class 1: positives {0.4, 0.2}, negatives {0.2, 0.2}: 0.4 wins 2, 0.2 ties 2 (1) -> 3 / 4.
        assertEquals(0.75, r.perClass()[1], EPS);
        // Class 2: positive 0.6 above 0.1, 0.3, 0.3 -> 1.
        assertEquals(1.0, r.perClass()[2], EPS);
        // Class 3 never occurs: skipped, not averaged in.
        assertTrue(Double.isNaN(r.perClass()[3]));
        assertEquals(List.of(3), r.skipped());
        assertEquals((1 + 0.75 + 1) / 3, r.macro(), EPS);
    }
    @Test
    void everyRowIsReadFromItsOwnScores() {
        // Row 1 (true 1) scores 0.8 for its class and is correct; read against row 0's scores (0.9, 0.1)
        // it would rank second. Top-1 = accuracy = 2/2.
        float[] s = {0.9f, 0.1f, 0.2f, 0.8f};
        assertEquals(1.0, Metrics.topKAccuracy(s, 2, 2, new int[]{0, 1}, 1), EPS);
    }

    @Test
    void aNaNTrueClassScoreIsNeverCorrectEvenWhenTopKCoversEveryClass() {
        // Row 0: NaN for its true class 0; with k = 2 classes top-2 would take any finite score.
        float[] s = {Float.NaN, 0.1f, 0.3f, 0.7f};
        assertEquals(0.5, Metrics.topKAccuracy(s, 2, 2, new int[]{0, 1}, 2), EPS);
    }

    @Test
    void noSamplesScoreZeroNotNaN() {
        assertEquals(0.0, Metrics.topKAccuracy(new float[0], 0, 3, new int[0], 1));
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        float[] s = {0.2f, 0.8f};
        int[] y = {1};
        assertEquals("top-k needs k >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(s, 1, 2, y, 0)).getMessage());
        assertEquals("top-k needs k >= 1, got -1", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(s, 1, 2, y, -1)).getMessage());
        assertEquals("need n >= 0 and k >= 1, got n=0, k=0", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(new float[0], 0, 0, new int[0], 1)).getMessage());
        assertEquals("need n >= 0 and k >= 1, got n=-1, k=2", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(s, -1, 2, y, 1)).getMessage());
        assertEquals("scores (2, 2) need 4 values, got 2", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(s, 2, 2, new int[]{0, 1}, 1)).getMessage());
        assertEquals("1 samples but 0 labels", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(s, 1, 2, new int[0], 1)).getMessage());
        assertEquals("label 2 of sample 0 is outside [0, 2)", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(s, 1, 2, new int[]{2}, 1)).getMessage());
        // One-vs-rest AUC checks its input the same way: a label k would silently count as "no class".
        assertEquals("label 2 of sample 0 is outside [0, 2)", assertThrows(IllegalArgumentException.class,
                () -> RocAuc.oneVsRest(s, 1, 2, new int[]{2})).getMessage());
        assertEquals("3 scores but 2 labels", assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(new double[]{0.1, 0.2, 0.3}, new boolean[]{true, false})).getMessage());
        assertEquals("2 scores but 3 labels", assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(new double[]{0.1, 0.2}, new boolean[]{true, false, true})).getMessage());
    }
}
