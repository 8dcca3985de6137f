package io.github.convnet4j.data;

import io.github.convnet4j.io.InputFiles;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.HeapBudget;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads CIFAR-10 or CIFAR-100 as their "binary version" downloads unpack:
 * <ul>
 *   <li>CIFAR-10: {@code data_batch_1.bin} … {@code data_batch_5.bin} and {@code test_batch.bin};
 *       each record is one label byte and 3,072 pixel bytes (the 1,024 red values of the 32×32
 *       image row by row, then green, then blue). Class names come from {@code batches.meta.txt}.</li>
 *   <li>CIFAR-100: {@code train.bin} and {@code test.bin}; each record is a coarse and a fine label
 *       byte and the 3,072 pixels. The 100 fine labels are used, named by {@code fine_label_names.txt}.</li>
 * </ul>
 * Samples are {@code (3, 32, 32)} with pixels scaled from [0, 255] to [0, 1] (kept as bytes until a batch needs floats). Record counts come from
 * the file sizes, which must be whole records and are capped; every label is checked.
 */
public final class CifarFormat {
    /** Pixel bytes per record: 3 channels of 32×32. */
    static final int PIXELS = 3 * 32 * 32;
    /** Most records in all files together (the official sets have 60,000), so the floats fit one array. */
    static final int MAX_RECORDS = 600_000;

    private static final List<String> CIFAR10_TRAIN = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

    private CifarFormat() {}

    /** Whether {@code dir} holds a CIFAR binary layout (CIFAR-10's first batch, or CIFAR-100's train.bin). */
    public static boolean looksLikeCifar(Path dir) {
        return Files.isRegularFile(dir.resolve(CIFAR10_TRAIN.get(0))) || Files.isRegularFile(dir.resolve("train.bin"));
    }

    /**
     * Loads the training and test sets from {@code dir}.
     *
     * @throws IOException one line naming the directory and the missing file, or the file and its problem
     */
    public static MnistFormat.TrainTest load(Path dir) throws IOException {
        boolean hundred = !Files.isRegularFile(dir.resolve(CIFAR10_TRAIN.get(0))) && Files.isRegularFile(dir.resolve("train.bin"));
        Layout layout = hundred ? new Layout(2, 1, 100, "fine_label_names.txt") : new Layout(1, 0, 10, "batches.meta.txt");
        List<Path> trainFiles = new ArrayList<>();
        for (String name : hundred ? List.of("train.bin") : CIFAR10_TRAIN) trainFiles.add(required(dir, name));
        Path testFile = required(dir, hundred ? "test.bin" : "test_batch.bin");
        List<String> names = classNames(dir.resolve(layout.namesFile), layout.classes);
        int trainRecords = 0;
        for (Path f : trainFiles) trainRecords = Math.addExact(trainRecords, records(f, layout));
        int testRecords = records(testFile, layout);
        if ((long) trainRecords + testRecords > MAX_RECORDS) {
            throw new IOException(dir + ": " + ((long) trainRecords + testRecords) + " records is more than the " + MAX_RECORDS + " this loader takes");
        }
        return new MnistFormat.TrainTest(read(trainFiles, trainRecords, layout, names), read(List.of(testFile), testRecords, layout, names));
    }

    /** Bytes per record: the label bytes, then the pixels; {@code labelIndex} picks the label used. */
    private record Layout(int labelBytes, int labelIndex, int classes, String namesFile) {
        int recordBytes() { return labelBytes + PIXELS; }
    }

    private static Path required(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) throw new IOException(dir + ": missing " + name + " (CIFAR binary layout)");
        return p;
    }

    private static int records(Path file, Layout layout) throws IOException {
        long size = InputFiles.requireRegularFile(file, "a CIFAR batch");
        if (size == 0 || size % layout.recordBytes() != 0) {
            throw new IOException(file.getFileName() + ": " + size + " bytes is not a whole number of " + layout.recordBytes()
                    + "-byte records (truncated, or not CIFAR-" + layout.classes + ")");
        }
        long n = size / layout.recordBytes();
        if (n > MAX_RECORDS) throw new IOException(file.getFileName() + ": " + n + " records is more than the " + MAX_RECORDS + " this loader takes");
        return (int) n;
    }

    private static Dataset read(List<Path> files, int total, Layout layout, List<String> names) throws IOException {
        long bytes = Math.multiplyExact((long) total, PIXELS);
        HeapBudget.require(bytes + 4L * total, "reading " + total + " CIFAR records (" + files.get(0).getFileName() + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : "") + ")",
                "use a smaller data set");
        byte[] images = new byte[(int) bytes];
        int[] labels = new int[total];
        byte[] record = new byte[layout.recordBytes()];
        int at = 0;
        for (Path f : files) {
            int n = records(f, layout);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                for (int i = 0; i < n; i++, at++) {
                    if (in.readNBytes(record, 0, record.length) != record.length) {
                        throw new IOException(f.getFileName() + ": ends inside record " + i + " (the file changed while it was read)");
                    }
                    int label = record[layout.labelIndex] & 0xFF;
                    if (label >= layout.classes) {
                        throw new IOException(f.getFileName() + ": label " + label + " of record " + i + " is not below CIFAR-" + layout.classes + "'s " + layout.classes + " classes");
                    }
                    labels[at] = label;
                    System.arraycopy(record, layout.labelBytes, images, at * PIXELS, PIXELS);
                }
            }
        }
        return Dataset.ofUnsignedBytes(images, labels, Shape.of(3, 32, 32), layout.classes, names);
    }

    /** The names in {@code file} (one per line, blank lines ignored), or none when it is absent. */
    private static List<String> classNames(Path file, int classes) throws IOException {
        if (!Files.exists(file)) return List.of(); // present but not a regular file: ClassNameFile refuses it
        List<String> names = ClassNameFile.read(file, 1 << 20);
        if (names.size() != classes) {
            throw new IOException(file.getFileName() + ": " + names.size() + " class names, expected " + classes);
        }
        return names;
    }
}
