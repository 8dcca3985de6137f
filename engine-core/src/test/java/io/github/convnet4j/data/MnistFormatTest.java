package io.github.convnet4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.github.convnet4j.data.IdxFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * MNIST and Fashion-MNIST folders. Mutants left alive on purpose (mutation testing): counting labels
 * down instead of up (a class's count is still non-zero exactly when it has samples), and
 * {@code c <= largest} as {@code c < largest} (the largest label always has a sample).
 */
class MnistFormatTest {
    @TempDir Path dir;

    private void writeSet(Path d, boolean gz) throws IOException {
        Files.createDirectories(d);
        String ext = gz ? ".gz" : "";
        write(d, MnistFormat.TRAIN_IMAGES + ext, maybeGzip(idx(new int[]{12, 4, 4}, images(12, 4, 4)), gz));
        write(d, MnistFormat.TRAIN_LABELS + ext, maybeGzip(idx(new int[]{12}, labels(12, 10)), gz));
        write(d, MnistFormat.TEST_IMAGES + ext, maybeGzip(idx(new int[]{5, 4, 4}, images(5, 4, 4)), gz));
        write(d, MnistFormat.TEST_LABELS + ext, maybeGzip(idx(new int[]{5}, new byte[]{0, 1, 2, 1, 0}), gz));
    }

    private static byte[] maybeGzip(byte[] raw, boolean gz) throws IOException { return gz ? gzip(raw) : raw; }

    @Test
    void loadsPlainAndGzipAndSharesClassCount() throws IOException {
        for (boolean gz : new boolean[]{false, true}) {
            Path d = dir.resolve(gz ? "gz" : "plain");
            writeSet(d, gz);
            MnistFormat.TrainTest tt = MnistFormat.load(d);
            assertEquals(12, tt.train().size());
            assertEquals(5, tt.test().size());
            assertEquals(10, tt.train().numClasses());
            assertEquals(10, tt.test().numClasses(), "test set uses the training set's class count");
            assertTrue(tt.train().classNames().isEmpty());
        }
    }

    @Test
    void fashionDirectoryGetsClassNames() throws IOException {
        Path d = dir.resolve("Fashion-MNIST");
        writeSet(d, true);
        MnistFormat.TrainTest tt = MnistFormat.load(d);
        assertEquals("Ankle boot", tt.test().className(9));
        assertEquals("T-shirt/top", tt.train().className(0));
    }

    @Test
    void missingFileListsWhatWasLookedFor() throws IOException {
        Path d = dir.resolve("partial");
        writeSet(d, false);
        Files.delete(d.resolve(MnistFormat.TEST_LABELS));
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(d));
        assertEquals(d + ": missing t10k-labels-idx1-ubyte: looked for t10k-labels-idx1-ubyte and t10k-labels-idx1-ubyte.gz", e.getMessage());
    }

    @Test
    void loadsFromAResourceSource() throws IOException {
        Path d = dir.resolve("src");
        writeSet(d, true);
        Map<String, byte[]> files = new HashMap<>();
        try (var s = Files.list(d)) {
            for (Path p : s.toList()) files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        MnistFormat.TrainTest tt = MnistFormat.load(name -> files.containsKey(name) ? new ByteArrayInputStream(files.get(name)) : null, "fashion-mnist");
        assertEquals(12, tt.train().size());
        assertEquals("Bag", tt.train().className(8));
    }

    @Test
    void testLabelBeyondTrainingClassesIsNamed() throws IOException {
        Path d = dir.resolve("bad");
        writeSet(d, false);
        write(d, MnistFormat.TRAIN_LABELS, idx(new int[]{12}, new byte[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2})); // classes 0..2 only
        write(d, MnistFormat.TEST_LABELS, idx(new int[]{5}, new byte[]{0, 1, 2, 5, 0}));
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(d));
        assertEquals("t10k-labels-idx1-ubyte: label 5 at index 3 is not below the 3 classes", e.getMessage());
    }

    /** Writes the four files with the given training labels; every image is {@code h x w}, the test set of 2 images has labels 0 and 1. */
    private static void writeSet(Path d, byte[] trainLabels, int testH, int testW) throws IOException {
        Files.createDirectories(d);
        int n = trainLabels.length;
        write(d, MnistFormat.TRAIN_IMAGES, idx(new int[]{n, 2, 2}, new byte[n * 4]));
        write(d, MnistFormat.TRAIN_LABELS, idx(new int[]{n}, trainLabels));
        write(d, MnistFormat.TEST_IMAGES, idx(new int[]{2, testH, testW}, new byte[2 * testH * testW]));
        write(d, MnistFormat.TEST_LABELS, idx(new int[]{2}, new byte[]{0, 1}));
    }

    /** The official Fashion-MNIST training labels start so (from the published train-labels file). */
    private static final byte[] FASHION_PREFIX = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9, 1, 0, 6, 4, 3, 1, 4, 8, 4, 3, 0, 2, 4, 4, 5, 3};

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path f = write(dir, "mnist.zip", new byte[]{1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(f));
        assertEquals(f + ": not a directory", e.getMessage());
    }

    @Test
    void theFileSystemRootHasNoNameButIsSearchedLikeAnyDirectory() {
        Path root = dir.toAbsolutePath().getRoot();
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(root));
        assertEquals(root + ": missing train-images-idx3-ubyte: looked for train-images-idx3-ubyte and train-images-idx3-ubyte.gz", e.getMessage());
    }

    @Test
    void sixtyThousandLabelsStartingLikeFashionMnistAreFashionMnistWhateverTheFolderName() throws IOException {
        byte[] labels = new byte[60_000];
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) (i % 10);
        System.arraycopy(FASHION_PREFIX, 0, labels, 0, FASHION_PREFIX.length);
        Path d = dir.resolve("set-a");
        writeSet(d, labels, 2, 2);
        MnistFormat.TrainTest tt = MnistFormat.load(d);
        assertEquals(MnistFormat.FASHION_MNIST_CLASSES, tt.train().classNames());
        assertEquals("Ankle boot", tt.test().className(9));

        // The same first labels in a set of another size: not Fashion-MNIST, plain class numbers.
        Path small = dir.resolve("set-b");
        writeSet(small, FASHION_PREFIX, 2, 2);
        MnistFormat.TrainTest plain = MnistFormat.load(small);
        assertTrue(plain.train().classNames().isEmpty());
        assertEquals("9", plain.train().className(9));
        // 60,000 labels that start otherwise: not Fashion-MNIST either.
        labels[0] = 0;
        Path other = dir.resolve("set-c");
        writeSet(other, labels, 2, 2);
        assertTrue(MnistFormat.load(other).train().classNames().isEmpty());
    }

    @Test
    void fashionMnistAlwaysHasItsTenClassesEvenWhenTheTrainingLabelsUseFewer() throws IOException {
        Path d = dir.resolve("fashion-subset");
        writeSet(d, new byte[]{0, 1, 2, 2, 1, 0}, 2, 2);
        MnistFormat.TrainTest tt = MnistFormat.load(d);
        assertEquals(10, tt.train().numClasses());
        assertEquals(10, tt.test().numClasses());
        assertEquals("Bag", tt.train().className(8));
        Path plain = dir.resolve("digits-subset");
        writeSet(plain, new byte[]{0, 1, 2, 2, 1, 0}, 2, 2);
        assertEquals(3, MnistFormat.load(plain).train().numClasses(), "otherwise largest label + 1");
    }

    @Test
    void testImagesOfAnotherSizeAreRefused() throws IOException {
        Path d = dir.resolve("mixed");
        writeSet(d, new byte[]{0, 1}, 3, 3);
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(d));
        assertEquals(d + ": training images are (1, 2, 2) but test images are (1, 3, 3)", e.getMessage());
    }

    @Test
    void aClassWithoutTrainingSamplesIsRefusedNamingTheFirstLargestLabel() throws IOException {
        // Labels 0, 5, 1, 5: 5 first at index 1; classes 2, 3 and 4 have no sample.
        Path d = dir.resolve("gap");
        writeSet(d, new byte[]{0, 5, 1, 5}, 2, 2);
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(d));
        assertEquals("train-labels-idx1-ubyte: label 5 (at index 1) implies 6 classes, but 3 of them have no training sample;"
                + " labels must run from 0 to K-1", e.getMessage());
        Path one = dir.resolve("one-missing");
        writeSet(one, new byte[]{1, 1, 2}, 2, 2);
        e = assertThrows(IOException.class, () -> MnistFormat.load(one));
        assertEquals("train-labels-idx1-ubyte: label 2 (at index 2) implies 3 classes, but 1 of them have no training sample;"
                + " labels must run from 0 to K-1", e.getMessage());
    }

    @Test
    void viewingATrainTestPairWithoutATestSetKeepsItAbsent() throws IOException {
        Path d = dir.resolve("view");
        writeSet(d, new byte[]{0, 1}, 2, 2);
        MnistFormat.TrainTest tt = MnistFormat.load(d);
        MnistFormat.TrainTest trainOnly = new MnistFormat.TrainTest(tt.train(), null).viewedAs(io.github.convnet4j.tensor.Shape.of(2, 2));
        assertNull(trainOnly.test());
        assertEquals(io.github.convnet4j.tensor.Shape.of(2, 2), trainOnly.train().sampleShape());
        MnistFormat.TrainTest both = tt.viewedAs(io.github.convnet4j.tensor.Shape.of(4));
        assertEquals(io.github.convnet4j.tensor.Shape.of(1, 2, 2), both.test().sampleShape(), "rank 1 is no sample shape: unchanged");
    }
}
