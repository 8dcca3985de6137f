package io.github.convnet4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our Barnes-Hut t-SNE against scikit-learn's on the same features (the first 500 Fashion-MNIST test
 * images as pixels), by trustworthiness; reference numbers from test-data/scripts/make_tsne_reference.py.
 */
class BarnesHutTsneTest {
    static final int N = 500, D = 784;
    static float[] x;
    static JsonNode reference;

    @BeforeAll static void load() throws Exception {
        Dataset test = MnistFormat.load(n -> BundledData.open("fashion-mnist", n), "fashion-mnist").test();
        x = java.util.Arrays.copyOf(test.images(), N * D);
        try (InputStream in = BarnesHutTsneTest.class.getResourceAsStream("/tsne/sklearn-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        assertEquals(N, reference.get("n").asInt());
    }

    @Test void trustworthinessAgreesWithScikitLearnOnTheSameMap() {
        JsonNode e = reference.get("embedding_seed0");
        double[] map = new double[e.size()];
        for (int i = 0; i < map.length; i++) map[i] = e.get(i).asDouble();
        for (String k : new String[] {"5", "10"}) {
            assertEquals(reference.get("embedding_seed0_trustworthiness").get(k).asDouble(),
                    Trustworthiness.of(x, D, map, 2, N, Integer.parseInt(k)), 1e-9, "k = " + k);
        }
    }

    @Test void ourMapIsAsTrustworthyAsScikitLearns() {
        double[] map = BarnesHutTsne.withSeed(1).embed(x, N, D);
        for (String k : new String[] {"5", "10"}) {
            double theirs = 0;
            for (JsonNode r : reference.get("runs")) theirs += r.get("trustworthiness").get(k).asDouble();
            theirs /= reference.get("runs").size();
            double ours = Trustworthiness.of(x, D, map, 2, N, Integer.parseInt(k));
            System.out.printf(Locale.ROOT, "t-SNE trustworthiness k=%s on %d Fashion-MNIST images: ours %.4f, scikit-learn %s %.4f (mean of %d seeds)%n",
                    k, N, ours, reference.get("sklearn").asText(), theirs, reference.get("runs").size());
            assertEquals(theirs, ours, 0.02, "k = " + k);
        }
    }

    @Test void theSameSeedGivesTheSameMap() {
        float[] few = java.util.Arrays.copyOf(x, 120 * D);
        BarnesHutTsne t = new BarnesHutTsne(10, 0.5, 300, 7);
        assertArrayEquals(t.embed(few, 120, D), t.embed(few, 120, D));
    }

    @Test void affinitiesAreSymmetricAndSumToOne() {
        InputAffinities p = InputAffinities.of(x, 200, D, 30);
        double sum = 0;
        java.util.Map<Long, Double> all = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                sum += p.values[e];
                all.put((long) i * 200 + p.columns[e], p.values[e]);
            }
        }
        assertEquals(1.0, sum, 1e-9);
        for (var entry : all.entrySet()) {
            long i = entry.getKey() / 200, j = entry.getKey() % 200;
            assertEquals(entry.getValue(), all.get(j * 200 + i), 1e-15, "P(" + i + "," + j + ")");
        }
    }

    @Test void tooFewPointsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BarnesHutTsne.withSeed(0).embed(x, 20, D));
        assertTrue(e.getMessage().contains("perplexity 30"), e.getMessage());
    }
}
