package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.explain.TrainedFashionModel;
import io.github.convnet4j.persist.ModelFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code convnet explain} from the command line: JSON contract, overlay PNGs, batch grids and one-line errors. */
class ExplainCommandTest {
    @TempDir static Path tmp;
    static Path model;
    static Path images;

    @BeforeAll static void trainedModelAndImages() throws Exception {
        TrainedFashionModel f = TrainedFashionModel.get();
        model = tmp.resolve("model.safetensors");
        ModelFile.save(f.trained, model);
        images = TestIdx.write(f.test.subset(8), tmp, "t10k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"saliency", "occlusion", "gradcam", "guided-backprop", "guided-gradcam"})
    void jsonHasTheHeatmapAtInputResolution(String method) throws Exception {
        Path out = tmp.resolve("out-" + method);
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--index", "2",
                "--method", method, "--json", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(method, j.get("method").asText());
        int k = j.get("class").asInt();
        assertTrue(k >= 0 && k < 10, "class " + k);
        double score = j.get("score").asDouble();
        assertTrue(score > 0 && score <= 1, "score is the class probability: " + score);
        JsonNode h = j.get("heatmap");
        assertEquals(28, h.size(), "H rows");
        double max = 0;
        for (JsonNode row : h) {
            assertEquals(28, row.size(), "W values per row");
            for (JsonNode v : row) {
                assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1, "value " + v);
                max = Math.max(max, v.asDouble());
            }
        }
        assertEquals(1.0, max, 1e-6, "normalised so the most relevant pixel is 1");
        assertEquals(method.contains("gradcam"), j.has("layer"), "Grad-CAM names the layer it read");
        if (j.has("layer")) assertEquals("conv2d_3", j.get("layer").asText(), "default: the last layer with a spatial output");
        BufferedImage png = ImageIO.read(out.resolve("explain-" + method + ".png").toFile());
        assertEquals(2 * 28 * 8 + 2, png.getWidth(), "input and overlay side by side at scale 8");
        assertEquals(28 * 8, png.getHeight());
    }

    @Test void theClassCanBeChosenAndTheLayerNamed() throws Exception {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--class", "3",
                "--method", "gradcam", "--layer", "conv2d_2", "--json", "--out", tmp.resolve("chosen").toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("class").asInt());
        assertEquals("conv2d_2", j.get("layer").asText());
    }

    @Test void batchModeExplainsTheFirstImagesIntoOneGrid() throws Exception {
        Path out = tmp.resolve("grid");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--count", "6",
                "--method", "saliency", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(6, r.out().lines().filter(l -> l.contains("#") && l.contains("score")).count(), r.out());
        BufferedImage png = ImageIO.read(out.resolve("explain-saliency-grid.png").toFile());
        assertEquals(2, png.getHeight() / (28 * 8), "6 pairs, 4 to a row: 2 rows");

        CliRun json = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--count", "3",
                "--method", "saliency", "--json", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode all = new ObjectMapper().readTree(json.out()).get("explanations");
        assertEquals(3, all.size());
        assertTrue(all.get(2).get("input").asText().endsWith("#2"), all.get(2).toString());
    }

    @Test void badArgumentsGetOneLine() {
        CliRun layer = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--layer", "conv9",
                "--out", tmp.resolve("e").toString(), "--device", "cpu");
        assertEquals(1, layer.exitCode());
        assertTrue(layer.errorLines().contains("no layer conv9") && layer.errorLines().contains("conv2d_2"), layer.err());

        CliRun flat = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--layer", "dense_1",
                "--out", tmp.resolve("e").toString(), "--device", "cpu");
        assertEquals(1, flat.exitCode());
        assertTrue(flat.errorLines().contains("dense_1") && flat.errorLines().contains("spatial"), flat.err());

        CliRun method = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--method", "lime",
                "--out", tmp.resolve("e").toString());
        assertEquals(1, method.exitCode());
        assertTrue(method.errorLines().contains("lime") && method.errorLines().contains("guided-gradcam"), method.err());

        CliRun index = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--index", "8",
                "--out", tmp.resolve("e").toString());
        assertEquals(1, index.exitCode());
        assertTrue(index.errorLines().contains("index 8 is outside 0..7"), index.err());

        CliRun clazz = CliRun.of("explain", "--model", model.toString(), "--input", images.toString(), "--class", "10",
                "--out", tmp.resolve("e").toString(), "--device", "cpu");
        assertEquals(1, clazz.exitCode());
        assertTrue(clazz.errorLines().contains("class 10 is out of range"), clazz.err());
        assertTrue(Files.notExists(tmp.resolve("e").resolve("explain-gradcam.png")), "nothing written on error");
    }
}
