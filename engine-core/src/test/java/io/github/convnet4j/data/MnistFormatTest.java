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
}
