package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed image folder gives exactly the batches of the same folder held in memory (order,
 * augmentation, bytes), whatever the number of loader threads; a corrupt file surfaces as one
 * line naming it (or is dropped and counted with skipBad), and the loader threads stop.
 */
class StreamedBatchesTest {
    private static final Shape SHAPE = Shape.of(3, 8, 8);
    @TempDir Path dir;

    /** 3 classes × 13 JPEGs and PNGs of random sizes: 39 samples, batches of 8 leave a partial last one. */
    private Path folder() throws Exception {
        Random r = new Random(5);
        for (int k = 0; k < 3; k++) {
            Path c = Files.createDirectories(dir.resolve("c" + k));
            for (int i = 0; i < 13; i++) {
                BufferedImage im = new BufferedImage(6 + r.nextInt(10), 6 + r.nextInt(10), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < im.getHeight(); y++) for (int x = 0; x < im.getWidth(); x++) im.setRGB(x, y, r.nextInt(1 << 24));
                String type = i % 2 == 0 ? "jpg" : "png";
                assertTrue(ImageIO.write(im, type, c.resolve(String.format("%03d.%s", i, type)).toFile()));
            }
        }
        return dir;
    }

    private static Dataset load(Path folder, ImageFolderSource.Loading loading, int threads, boolean skipBad) throws Exception {
        return ImageFolderSource.load(folder, new ImageFolderSource.Options(SHAPE, ImageFit.STRETCH, skipBad, threads, loading)).train();
    }

    /** Two epochs of augmented, shuffled batches: every image value, label and sample index, in order. */
    private static List<float[]> epochs(Dataset d) {
        Batches b = Batches.shuffled(d, 8, 42).withAugmentation(Augmentation.parse("flip,shift=1,brightness=0.2"));
        List<float[]> out = new ArrayList<>();
        float[] images = new float[b.imageBufferSize()];
        float[] oneHot = new float[b.labelBufferSize()];
        for (int e = 0; e < 2; e++) {
            try (BatchIterator it = b.iterator(e)) {
                while (it.hasNext()) {
                    int n = it.next(images, oneHot);
                    float[] rec = new float[n * 192 + n * 3 + n];
                    System.arraycopy(images, 0, rec, 0, n * 192);
                    System.arraycopy(oneHot, 0, rec, n * 192, n * 3);
                    for (int j = 0; j < n; j++) rec[n * 195 + j] = it.sampleIndex(j);
                    out.add(rec);
                }
            }
        }
        return out;
    }

    @Test
    void streamedBatchesEqualInMemoryOnesForOneTwoAndFourLoaderThreads() throws Exception {
        Path f = folder();
        Dataset memory = load(f, ImageFolderSource.Loading.MEMORY, 1, false);
        assertTrue(memory.storesBytes());
        assertFalse(memory.isStreamed());
        List<float[]> expected = epochs(memory);
        assertEquals(10, expected.size());
        for (int threads : new int[] {1, 2, 4}) {
            Dataset streamed = load(f, ImageFolderSource.Loading.STREAM, threads, false);
            assertTrue(streamed.isStreamed());
            assertEquals(threads, streamed.imageFiles().loaderThreads());
            List<float[]> got = epochs(streamed);
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) assertArrayEquals(expected.get(i), got.get(i), threads + " threads, batch " + i);
        }
    }

    @Test
    void aStreamedSplitAndSelectionKeepTheSamplesOfTheInMemoryOnes() throws Exception {
        Path f = folder();
        Dataset memory = load(f, ImageFolderSource.Loading.MEMORY, 1, false).split(0.25, 3).validation();
        Dataset streamed = load(f, ImageFolderSource.Loading.STREAM, 2, false).split(0.25, 3).validation();
        assertTrue(streamed.isStreamed());
        assertArrayEquals(memory.labels(), streamed.labels());
        float[] a = new float[memory.size() * 192], b = new float[a.length];
        memory.copySamples(0, memory.size(), a, 0);
        streamed.copySamples(0, streamed.size(), b, 0);
        assertArrayEquals(a, b);
        assertArrayEquals(a, streamed.images());
    }

    /** One JPEG of class c1 cut to half its length. */
    private static Path truncateOne(Path folder) throws Exception {
        Path victim = folder.resolve("c1/006.jpg");
        byte[] all = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(all, all.length / 2));
        return victim;
    }

    @Test
    void aCorruptFileMidEpochIsOneLineNamingItAndTheLoaderThreadsStop() throws Exception {
        Path f = folder();
        Path victim = truncateOne(f);
        Dataset streamed = load(f, ImageFolderSource.Loading.STREAM, 3, false);
        Batches b = Batches.shuffled(streamed, 8, 42);
        float[] images = new float[b.imageBufferSize()];
        UncheckedIOException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(UncheckedIOException.class, () -> {
            try (BatchIterator it = b.iterator(0)) {
                while (it.hasNext()) it.next(images, null);
            }
        }));
        assertTrue(e.getMessage().contains(victim.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-bad"), e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (loaderThreadsAlive()) Thread.sleep(20);
        });
    }

    private static boolean loaderThreadsAlive() {
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.isAlive() && t.getName().startsWith("convnet-loader-")) return true;
        return false;
    }

    @Test
    void withSkipBadTheCorruptFileIsDroppedFromItsBatchAndCounted() throws Exception {
        Path f = folder();
        Path victim = truncateOne(f);
        Dataset streamed = load(f, ImageFolderSource.Loading.STREAM, 2, true);
        Batches b = Batches.sequential(streamed, 8);
        float[] images = new float[b.imageBufferSize()];
        int total = 0;
        try (BatchIterator it = b.iterator(0)) {
            while (it.hasNext()) {
                int n = it.next(images, null);
                for (int j = 0; j < n; j++) assertFalse(streamed.imageFiles().file(it.sampleIndex(j)).equals(victim));
                total += n;
            }
        }
        assertEquals(38, total);
        assertEquals(1, streamed.imageFiles().skipped().size());
        assertTrue(streamed.imageFiles().skipped().get(0).startsWith(victim.toString()), streamed.imageFiles().skipped().get(0));
    }

    @Test
    void autoStreamsOnlyWhatTheHeapCannotHoldTwice() throws Exception {
        Dataset small = load(folder(), ImageFolderSource.Loading.AUTO, 1, false);
        assertFalse(small.isStreamed(), "39 tiny images stay in memory");
    }
}
