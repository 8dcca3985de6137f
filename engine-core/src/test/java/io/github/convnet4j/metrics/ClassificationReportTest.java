package io.github.convnet4j.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

class ClassificationReportTest {
    private static final double EPS = 1e-12;

    /** One-hot-ish probabilities reproducing {@link ConfusionMatrixTest#example()} on 3 classes. */
    private static float[] probabilitiesFor(int[] predicted, int k) {
        float[] p = new float[predicted.length * k];
        for (int i = 0; i < predicted.length; i++) {
            for (int c = 0; c < k; c++) p[i * k + c] = c == predicted[i] ? 0.6f : 0.4f / (k - 1);
        }
        return p;
    }

    private static final int[] TRUE = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PRED = {0, 0, 0, 1, 1, 1, 2, 2, 0, 0};

    @Test
    void gathersTheHandWorkedNumbers() throws IOException {
        ClassificationReport r = ClassificationReport.compute(probabilitiesFor(PRED, 3), 10, 3, TRUE);
        assertEquals(0.6, r.accuracy(), EPS);
        assertEquals(26.0 / 45, r.macroF1(), EPS);
        assertEquals(44.0 / 75, r.weightedF1(), EPS);
        assertTrue(Double.isNaN(r.topKAccuracy()), "top-5 only when k > 5");
        // Class 0's scores: 0.6 for the five predicted 0 (3 true 0, 2 true 2), 0.2 otherwise (1 true 0, 4 others).
        // Positives {.6,.6,.6,.2} vs negatives {.6,.6,.2,.2,.2,.2}: each .6 beats 4 and ties 2 (5 each, 15),
        // the .2 ties 4 (2): 17 / 24.
        assertEquals(17.0 / 24, r.auc(0), EPS);

        JsonNode j = new ObjectMapper().readTree(r.toJson(new String[]{"cat", "dog", "bird"}));
        assertEquals(0.6, j.get("accuracy").asDouble(), EPS);
        assertEquals(26.0 / 45, j.get("macro_f1").asDouble(), EPS);
        assertEquals(44.0 / 75, j.get("weighted_f1").asDouble(), EPS);
        assertEquals(r.auc(), j.get("auc").asDouble(), EPS);
        assertFalse(j.has("top_k_accuracy"));
        assertEquals(3, j.get("per_class").size());
        JsonNode c2 = j.get("per_class").get(2);
        assertEquals(2, c2.get("class").asInt());
        assertEquals("bird", c2.get("name").asText());
        assertEquals(0.5, c2.get("precision").asDouble(), EPS);
        assertEquals(1.0 / 3, c2.get("recall").asDouble(), EPS);
        assertEquals(0.4, c2.get("f1").asDouble(), EPS);
        assertEquals(3, c2.get("support").asInt());
        assertEquals("[[3,1,0],[0,2,1],[2,0,1]]", j.get("confusion_matrix").toString());
    }

    @Test
    void textTableIsAlignedAndNamed() {
        ClassificationReport r = ClassificationReport.compute(probabilitiesFor(PRED, 3), 10, 3, TRUE);
        String text = r.toText(new String[]{"T-shirt/top", "Trouser", "Pullover"});
        String[] lines = text.split("\n");
        assertTrue(lines[0].contains("precision") && lines[0].contains("f1-score") && lines[0].contains("auc"), lines[0]);
        String row = lines[2];
        assertTrue(row.startsWith(" T-shirt/top "), "names right-aligned to the width of 'weighted avg': " + row);
        assertTrue(row.contains("0.6000") && row.contains("0.7500") && row.contains("0.6667"), row);
        assertEquals(lines[0].length(), lines[3].length(), "rows as wide as the header");
        assertTrue(text.contains("accuracy"));
        assertTrue(text.contains("macro avg"));
        assertTrue(text.contains("weighted avg"));
        assertTrue(text.contains("confusion matrix"));
        assertTrue(text.contains("\n    Pullover 2 0 1\n"), text);
        assertTrue(r.toText(null).contains("\n           0     0.6000"), "numbers when no names");
    }

    @Test
    void topFiveAppearsForMoreThanFiveClassesAndNaNDisablesAuc() throws IOException {
        int k = 7, n = 3;
        float[] p = new float[n * k];
        for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) p[i * k + c] = (c + i) % k;
        int[] y = {6, 0, 0}; // ranks: sample 0 true 6 has the top score; sample 1 true 0 score 1 -> rank 5; sample 2 score 2 -> rank 4
        ClassificationReport r = ClassificationReport.compute(p, n, k, y);
        assertEquals(2.0 / 3, r.topKAccuracy(), EPS);
        JsonNode j = new ObjectMapper().readTree(r.toJson());
        assertEquals(5, j.get("top_k").asInt());
        assertEquals(2.0 / 3, j.get("top_k_accuracy").asDouble(), EPS);
        assertTrue(j.get("auc_note").asText().contains("left out"), "classes 1..5 never occur");
        assertTrue(r.toText(null).contains("top-5 accuracy: 0.6667"));

        p[0] = Float.NaN;
        ClassificationReport bad = ClassificationReport.compute(p, n, k, y);
        assertTrue(Double.isNaN(bad.auc()));
        JsonNode jb = new ObjectMapper().readTree(bad.toJson());
        assertTrue(jb.get("auc").isNull());
        assertTrue(jb.get("auc_note").asText().contains("NaN"));
    }
    @Test
    void exactlyFiveClassesHaveNoTopFive() throws IOException {
        // Top-5 of 5 classes is always 1: reported only from 6 classes on.
        int[] truth = {0, 1, 2, 3, 4}, predicted = {0, 1, 2, 3, 0};
        ClassificationReport r = ClassificationReport.compute(probabilitiesFor(predicted, 5), 5, 5, truth);
        assertTrue(Double.isNaN(r.topKAccuracy()));
        JsonNode j = new ObjectMapper().readTree(r.toJson());
        assertFalse(j.has("top_k"));
        assertFalse(j.has("top_k_accuracy"));
        assertFalse(r.toText(null).contains("top-5"));
    }

    @Test
    void noAucNoteWhenEveryClassHasPositivesAndNegatives() throws IOException {
        ClassificationReport r = ClassificationReport.compute(probabilitiesFor(PRED, 3), 10, 3, TRUE);
        assertEquals(java.util.List.of(), r.aucSkippedClasses());
        assertFalse(new ObjectMapper().readTree(r.toJson()).has("auc_note"));
        assertFalse(r.toText(null).contains("AUC:"), r.toText(null));
    }

    @Test
    void jsonCarriesTheLossOnlyWhenGivenAndEachClasssAuc() throws IOException {
        ClassificationReport r = ClassificationReport.compute(probabilitiesFor(PRED, 3), 10, 3, TRUE);
        JsonNode withLoss = new ObjectMapper().readTree(r.toJson(null, 0.25));
        assertEquals(0.25, withLoss.get("loss").asDouble());
        assertFalse(new ObjectMapper().readTree(r.toJson(null)).has("loss"));
        assertFalse(new ObjectMapper().readTree(r.toJson(null, Double.NaN)).has("loss"));
        // Class 0's AUC worked by hand in gathersTheHandWorkedNumbers: 17 / 24.
        assertEquals(17.0 / 24, withLoss.get("per_class").get(0).get("auc").asDouble(), EPS);
    }

    @Test
    void tooFewClassNamesFallBackToNumbers() throws IOException {
        ClassificationReport r = ClassificationReport.compute(probabilitiesFor(PRED, 3), 10, 3, TRUE);
        JsonNode j = new ObjectMapper().readTree(r.toJson(new String[]{"cat"}));
        assertEquals("cat", j.get("per_class").get(0).get("name").asText());
        assertEquals("1", j.get("per_class").get(1).get("name").asText());
        assertEquals("2", j.get("per_class").get(2).get("name").asText());
    }
}
