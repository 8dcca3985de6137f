package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.explain.TrainedFashionModel;
import io.github.convnet4j.persist.ModelFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convnet embed} on a trained keras-mnist and 150 test images. */
class EmbedCommandTest {
    @TempDir static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll static void trainedModelAndData() throws Exception {
        TrainedFashionModel f = TrainedFashionModel.get();
        model = tmp.resolve("model.safetensors");
        ModelFile.save(f.trained, model);
        data = Files.createDirectories(tmp.resolve("data"));
        TestIdx.write(f.test.subset(150), data, "train");
        TestIdx.write(f.test.subset(150), data, "t10k");
    }

    @Test void writesTheMapTheCsvAndTheNeighbours() throws Exception {
        Path out = tmp.resolve("embed");
        CliRun r = CliRun.of("embed", "--model", model.toString(), "--data", data.toString(), "--limit", "120", "--perplexity", "10",
                "--queries", "3", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("by dense_1 (64 features)"), "default: the last layer's input: " + r.out());
        double trust = Double.parseDouble(r.out().replaceAll("(?s).*trustworthiness \\(k=5\\) ([0-9.]+).*", "$1"));
        assertTrue(trust > 0.9, "the map keeps neighbourhoods: " + trust);
        List<String> csv = Files.readAllLines(out.resolve("embedding.csv"));
        assertEquals("index,label,class,x,y", csv.get(0));
        assertEquals(121, csv.size());
        assertTrue(csv.get(1).matches("0,\\d,[^,]+,-?[0-9.]+,-?[0-9.]+"), csv.get(1));
        BufferedImage tsne = ImageIO.read(out.resolve("tsne.png").toFile());
        assertTrue(tsne.getWidth() >= 800, "chart width " + tsne.getWidth());
        BufferedImage nn = ImageIO.read(out.resolve("neighbours.png").toFile());
        assertEquals(12 * 28 * 3 + 11, nn.getWidth(), "query, 5 by features, a gap, 5 by pixels");
        assertEquals(3 * 28 * 3 + 2, nn.getHeight(), "three queries");
    }

    @Test void aNamedLayerAndBadArguments() {
        CliRun r = CliRun.of("embed", "--model", model.toString(), "--data", data.toString(), "--limit", "60", "--perplexity", "5",
                "--layer", "conv2d_3", "--queries", "1", "--out", tmp.resolve("conv").toString(), "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("by conv2d_3 (576 features)"), r.out());

        CliRun bad = CliRun.of("embed", "--model", model.toString(), "--data", data.toString(), "--layer", "nope",
                "--out", tmp.resolve("bad").toString(), "--device", "cpu");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.errorLines().contains("no layer nope"), bad.err());

        CliRun few = CliRun.of("embed", "--model", model.toString(), "--data", data.toString(), "--limit", "20",
                "--out", tmp.resolve("few").toString(), "--device", "cpu");
        assertEquals(1, few.exitCode());
        assertTrue(few.errorLines().contains("--perplexity 30.0 needs more than 30 images"), few.err());
    }
}
