package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.ImageFit;
import io.github.convnet4j.data.ImageFolderSource;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator's batch size and its clean-up. (Aggregation over batches: {@code EvaluatorAggregationTest}.)
 *
 * <p>Equivalent mutant left alone: {@code done < n} moved to {@code done <= n} only copies the
 * arrays at their full length.
 */
class EvaluatorTest {
    private final Backend cpu = new CpuBackendProvider().open("");

    @AfterEach void close() { cpu.close(); }

    private static Model built(Backend backend) {
        Model m = Model.of(SyntheticData.smallConvNet(4));
        m.build(backend, DType.F32, 5);
        return m;
    }

    @Test void batchesOfOneGiveTheSameNumbersAndZeroIsRefused() {
        Dataset data = SyntheticData.quadrants(10, 8, 4);
        try (Model m = built(cpu); Evaluator ones = new Evaluator(m, null, 4, 1); Evaluator whole = new Evaluator(m, null, 4, 10)) {
            Evaluation a = ones.evaluate(data, false), b = whole.evaluate(data, false);
            assertEquals(b.loss(), a.loss(), 1e-6 * b.loss());
            assertEquals(b.accuracy(), a.accuracy());
            assertEquals(10, a.samples());
            assertEquals("batch size must be >= 1, got 0",
                    assertThrows(IllegalArgumentException.class, () -> new Evaluator(m, null, 4, 0)).getMessage());
        }
    }

    /** Batches of 16, 16 and 8: two sets of input, target and scratch, all freed by close; the model's own tensors stay. */
    @Test void closeFreesTheBatchTensors() {
        CountingBackend b = new CountingBackend(cpu);
        try (Model m = built(b)) {
            Evaluator ev = new Evaluator(m, null, 4, 16);
            ev.evaluate(SyntheticData.quadrants(40, 8, 4), false);
            List<Tensor> open = b.tensors().stream().filter(t -> !b.closed(t)).toList();
            ev.close();
            List<String> freed = open.stream().filter(b::closed).map(t -> t.shape().toString()).sorted().toList();
            assertEquals(List.of("(16, 1, 8, 8)", "(16, 4)", "(16, 4)", "(8, 1, 8, 8)", "(8, 4)", "(8, 4)"), freed);
            for (var p : m.parameters()) assertEquals(false, b.closed(p.value()), p.name());
        }
    }
    /**
     * With skip-bad, an image that fails to decode during evaluation is dropped: the evaluation
     * covers the five samples read, with no phantom sixth row (label 0, all-zero probabilities)
     * that a report would count.
     */
    @Test void aFileSkippedWhileEvaluatingLeavesNoPhantomSample(@TempDir Path dir) throws Exception {
        Random r = new Random(3);
        for (int k = 0; k < 2; k++) {
            Path c = Files.createDirectories(dir.resolve("c" + k));
            for (int i = 0; i < 3; i++) {
                BufferedImage im = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) im.setRGB(x, y, r.nextInt(1 << 24));
                assertTrue(ImageIO.write(im, "jpg", c.resolve(i + ".jpg").toFile()));
            }
        }
        // Half a JPEG: its header lists fine, its pixels fail to decode.
        Path victim = dir.resolve("c1/1.jpg");
        byte[] all = Files.readAllBytes(victim);
        Files.write(victim, Arrays.copyOf(all, all.length / 2));
        Dataset data = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(3, 8, 8), ImageFit.STRETCH, true, 1,
                ImageFolderSource.Loading.STREAM)).train();
        assertEquals(6, data.size());
        Model m = Model.of(ModelSpec.of("m", Shape.of(3, 8, 8), List.of(LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 2, "activation", "softmax"))));
        m.build(cpu, DType.F32, 1);
        try (m; Evaluator ev = new Evaluator(m, null, 2, 4)) {
            Evaluation e = ev.evaluate(data, true);
            assertEquals(5, e.samples());
            int[] kept = java.util.stream.IntStream.range(0, 6).filter(i -> !data.imageFiles().file(i).equals(victim)).map(data::label).toArray();
            assertEquals(5, kept.length);
            assertArrayEquals(kept, e.labels(), "the labels of the five readable images, in order");
            assertEquals(5 * 2, e.probabilities().length);
            for (int i = 0; i < 5; i++) assertEquals(1.0, e.probabilities()[2 * i] + e.probabilities()[2 * i + 1], 1e-6, "row " + i);
        }
    }
}
