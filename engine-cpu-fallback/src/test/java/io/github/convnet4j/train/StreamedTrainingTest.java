package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.ImageFit;
import io.github.convnet4j.data.ImageFolderSource;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training, evaluation and prediction from a streamed image folder give bit-identical weights and
 * numbers to the same folder held in memory, with 1, 2 or 4 loader threads; a corrupt file met
 * mid-epoch ends training with one line naming it, without hanging, and stops the loader threads.
 */
class StreamedTrainingTest {
    private final Backend backend = new CpuBackendProvider().open("");
    @TempDir Path dir;
    private Path train, test;

    @AfterEach void close() { backend.close(); }

    /** The synthetic quadrant problem written as 8-bit grey PNG class folders. */
    @BeforeEach void writeFolders() throws Exception {
        train = write(SyntheticData.quadrants(200, 8, 1), "train");
        test = write(SyntheticData.quadrants(60, 8, 2), "test");
    }

    private Path write(Dataset d, String name) throws Exception {
        Path root = dir.resolve(name);
        float[] px = new float[64];
        for (int i = 0; i < d.size(); i++) {
            d.copySample(i, px, 0);
            BufferedImage g = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int j = 0; j < 64; j++) g.getRaster().setSample(j % 8, j / 8, 0, Math.round(px[j] * 255));
            Path f = Files.createDirectories(root.resolve("q" + d.label(i))).resolve(String.format("%05d.png", i));
            assertTrue(ImageIO.write(g, "png", f.toFile()));
        }
        return root;
    }

    private static Dataset load(Path root, ImageFolderSource.Loading loading, int threads) throws Exception {
        return ImageFolderSource.load(root, new ImageFolderSource.Options(Shape.of(1, 8, 8), ImageFit.STRETCH, false, threads, loading)).train();
    }

    private Model trained(Dataset data) throws Exception {
        Model m = Model.of(SyntheticData.smallConvNet(4));
        m.build(backend, DType.F32, 11);
        TrainConfig c = TrainConfig.builder().epochs(2).batchSize(16).optimizer("adam:lr=0.01").seed(5).augmentation("flip,shift=1").build();
        TrainResult r = new Trainer().fit(m, data, null, c, null);
        for (EpochResult e : r.history()) assertTrue(e.dataWaitSeconds() >= 0, "data wait " + e.dataWaitSeconds());
        return m;
    }

    @Test
    void streamedTrainingEvaluationAndPredictionMatchInMemoryForOneTwoAndFourLoaderThreads() throws Exception {
        Dataset memoryTest = load(test, ImageFolderSource.Loading.MEMORY, 1);
        try (Model reference = trained(load(train, ImageFolderSource.Loading.MEMORY, 1));
             Evaluator ev = new Evaluator(reference, null, 4, 16);
             Predictor p = new Predictor(reference, 16)) {
            Evaluation expected = ev.evaluate(memoryTest, true);
            float[] expectedProbs = p.predict(memoryTest);
            for (int threads : new int[] {1, 2, 4}) {
                Dataset streamedTrain = load(train, ImageFolderSource.Loading.STREAM, threads);
                assertTrue(streamedTrain.isStreamed());
                try (Model m = trained(streamedTrain)) {
                    TrainAssertions.assertSameWeights(reference, m);
                }
                Dataset streamedTest = load(test, ImageFolderSource.Loading.STREAM, threads);
                Evaluation e = ev.evaluate(streamedTest, true);
                assertEquals(expected.loss(), e.loss(), threads + " threads");
                assertEquals(expected.accuracy(), e.accuracy());
                assertArrayEquals(expected.probabilities(), e.probabilities());
                assertArrayEquals(memoryTest.labels(), e.labels());
                assertArrayEquals(expectedProbs, p.predict(streamedTest));
            }
        }
    }

    @Test
    void aCorruptFileMidEpochEndsTrainingWithOneLineNamingItAndNoHang() throws Exception {
        Path victim = train.resolve("q2").resolve(Files.list(train.resolve("q2")).sorted().toList().get(5).getFileName());
        Files.write(victim, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Dataset streamed = load(train, ImageFolderSource.Loading.STREAM, 2);
        UncheckedIOException e = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThrows(UncheckedIOException.class, () -> {
            try (Model m = trained(streamed)) {
                // not reached
            }
        }));
        assertTrue(e.getMessage().startsWith(victim.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (loaderThreads() > 0) Thread.sleep(20);
        });
    }

    private static long loaderThreads() {
        List<Thread> all = List.copyOf(Thread.getAllStackTraces().keySet());
        return all.stream().filter(t -> t.isAlive() && t.getName().startsWith("convnet-loader-")).count();
    }
}
