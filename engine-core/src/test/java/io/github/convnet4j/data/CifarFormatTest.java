package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10/100 binary batches: layout, labels, class names and every kind of bad file. */
class CifarFormatTest {
    private static final List<String> CIFAR10_NAMES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** A record: the label bytes, then pixel p of the record = (seed + p) mod 256. */
    private static byte[] record(int[] labelBytes, int seed) {
        byte[] r = new byte[labelBytes.length + CifarFormat.PIXELS];
        for (int i = 0; i < labelBytes.length; i++) r[i] = (byte) labelBytes[i];
        for (int p = 0; p < CifarFormat.PIXELS; p++) r[labelBytes.length + p] = (byte) (seed + p);
        return r;
    }

    private static void write(Path file, byte[]... records) throws IOException {
        int n = 0;
        for (byte[] r : records) n += r.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] r : records) {
            System.arraycopy(r, 0, all, at, r.length);
            at += r.length;
        }
        Files.write(file, all);
    }

    /** Five training batches of two records each (labels 2b-2, 2b-1 mod 10) and a test batch of three. */
    private static void cifar10(Path dir) throws IOException {
        for (int b = 1; b <= 5; b++) {
            write(dir.resolve("data_batch_" + b + ".bin"), record(new int[] {(2 * b - 2) % 10}, b * 10), record(new int[] {(2 * b - 1) % 10}, b * 10 + 1));
        }
        write(dir.resolve("test_batch.bin"), record(new int[] {9}, 200), record(new int[] {0}, 201), record(new int[] {4}, 202));
    }

    @Test
    void cifar10ReadsEveryBatchInOrderAsRgbPlanes(@TempDir Path dir) throws IOException {
        cifar10(dir);
        Files.write(dir.resolve("batches.meta.txt"), (String.join("\n", CIFAR10_NAMES) + "\n\n").getBytes());
        assertTrue(CifarFormat.looksLikeCifar(dir));
        MnistFormat.TrainTest sets = CifarFormat.load(dir);
        Dataset train = sets.train();
        assertEquals(10, train.size());
        assertEquals(Shape.of(3, 32, 32), train.sampleShape());
        assertEquals(10, train.numClasses());
        for (int i = 0; i < 10; i++) assertEquals(i, train.label(i), "sample " + i);
        assertEquals(CIFAR10_NAMES, train.classNames());
        assertEquals(List.of(9, 0, 4), List.of(sets.test().label(0), sets.test().label(1), sets.test().label(2)));
        // Sample 3 is batch 2's second record: pixel p = (21 + p) mod 256, red plane first.
        float[] one = new float[train.sampleSize()];
        train.copySample(3, one, 0);
        assertEquals(21 / 255f, one[0]);
        assertEquals(((21 + 1024) % 256) / 255f, one[1024], "green plane starts at 1024");
        assertEquals(((21 + 3071) % 256) / 255f, one[3071]);
    }

    @Test
    void cifar100UsesTheFineLabel(@TempDir Path dir) throws IOException {
        write(dir.resolve("train.bin"), record(new int[] {3, 77}, 1), record(new int[] {19, 99}, 2));
        write(dir.resolve("test.bin"), record(new int[] {0, 5}, 3));
        MnistFormat.TrainTest sets = CifarFormat.load(dir);
        assertEquals(100, sets.train().numClasses());
        assertEquals(77, sets.train().label(0));
        assertEquals(99, sets.train().label(1));
        assertEquals(5, sets.test().label(0));
        assertTrue(sets.train().classNames().isEmpty(), "no fine_label_names.txt, no names");
    }

    @Test
    void badFilesAreOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        cifar10(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));
        assertEquals(dir + ": missing data_batch_4.bin (CIFAR binary layout)", assertThrows(IOException.class, () -> CifarFormat.load(dir)).getMessage());

        cifar10(dir);
        byte[] test = Files.readAllBytes(dir.resolve("test_batch.bin"));
        Files.write(dir.resolve("test_batch.bin"), java.util.Arrays.copyOf(test, test.length - 100));
        assertEquals("test_batch.bin: 9119 bytes is not a whole number of 3073-byte records (truncated, or not CIFAR-10)",
                assertThrows(IOException.class, () -> CifarFormat.load(dir)).getMessage());

        cifar10(dir);
        write(dir.resolve("data_batch_2.bin"), record(new int[] {10}, 0));
        assertEquals("data_batch_2.bin: label 10 of record 0 is not below CIFAR-10's 10 classes",
                assertThrows(IOException.class, () -> CifarFormat.load(dir)).getMessage());

        cifar10(dir);
        Files.write(dir.resolve("batches.meta.txt"), "cat\ndog\n".getBytes());
        assertEquals("batches.meta.txt: 2 class names, expected 10", assertThrows(IOException.class, () -> CifarFormat.load(dir)).getMessage());
    }

    @Test
    void anMnistDirectoryIsNotCifar(@TempDir Path dir) {
        assertFalse(CifarFormat.looksLikeCifar(dir));
    }

    @Test
    void eitherFirstFileMarksACifarDirectory(@TempDir Path dir) throws IOException {
        Path ten = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        Files.write(ten.resolve("data_batch_1.bin"), new byte[0]);
        assertTrue(CifarFormat.looksLikeCifar(ten), "CIFAR-10's first batch alone");
        Path hundred = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Files.write(hundred.resolve("train.bin"), new byte[0]);
        assertTrue(CifarFormat.looksLikeCifar(hundred), "CIFAR-100's train.bin alone");
        Path folder = Files.createDirectories(dir.resolve("odd").resolve("data_batch_1.bin"));
        assertFalse(CifarFormat.looksLikeCifar(folder.getParent()), "a directory of that name is no file");
    }
}
