package io.github.convnet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a dataset in the MNIST layout: four IDX files with the standard names
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz}. Works for MNIST, Fashion-MNIST,
 * KMNIST and the like; Fashion-MNIST is recognised and gets its class names.
 */
public final class MnistFormat {
    /** The four standard base names, without {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Fashion-MNIST's ten classes, in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The first training labels of the official Fashion-MNIST files: recognises the set whatever the folder is called. */
    private static final int[] FASHION_TRAIN_LABEL_PREFIX = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9, 1, 0, 6, 4, 3, 1, 4, 8, 4, 3, 0, 2, 4, 4, 5, 3};

    /** A training and a test set sharing one class count. */
    public record TrainTest(Dataset train, Dataset test) {
        /** Both sets seen with the model's sample shape where only the reading differs ({@link Dataset#viewedAs}). */
        public TrainTest viewedAs(io.github.convnet4j.tensor.Shape shape) {
            return new TrainTest(train.viewedAs(shape), test == null ? null : test.viewedAs(shape));
        }
    }

    private MnistFormat() {}

    /**
     * Loads the four files from {@code dir}.
     *
     * @throws IOException naming what was looked for when a file is missing, or naming the file when one is bad
     */
    public static TrainTest load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a directory");
        String dirName = dir.toAbsolutePath().normalize().getFileName() == null ? "" : dir.toAbsolutePath().normalize().getFileName().toString();
        return load(name -> {
            Path p = dir.resolve(name);
            return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
        }, dir.toString(), isFashionName(dirName));
    }

    /**
     * Loads the four files from {@code source}, e.g. the bundled classpath copy.
     *
     * @param sourceName used in error messages; a name containing "fashion" marks Fashion-MNIST
     */
    public static TrainTest load(ResourceSource source, String sourceName) throws IOException {
        return load(source, sourceName, isFashionName(sourceName));
    }

    private static TrainTest load(ResourceSource source, String sourceName, boolean fashionByName) throws IOException {
        Named trainImages = readOne(source, sourceName, TRAIN_IMAGES);
        Named trainLabels = readOne(source, sourceName, TRAIN_LABELS);
        Named testImages = readOne(source, sourceName, TEST_IMAGES);
        Named testLabels = readOne(source, sourceName, TEST_LABELS);

        int k = classCount(trainLabels);
        List<String> names = (fashionByName || looksLikeFashion(trainLabels.array)) && k <= FASHION_MNIST_CLASSES.size() ? FASHION_MNIST_CLASSES : null;
        if (names != null) k = FASHION_MNIST_CLASSES.size();

        Dataset train = Dataset.fromIdx(trainImages.array, trainImages.name, trainLabels.array, trainLabels.name, k, names);
        Dataset test = Dataset.fromIdx(testImages.array, testImages.name, testLabels.array, testLabels.name, k, names);
        if (!train.sampleShape().equals(test.sampleShape())) {
            throw new IOException(sourceName + ": training images are " + train.sampleShape() + " but test images are " + test.sampleShape());
        }
        return new TrainTest(train, test);
    }

    private record Named(IdxArray array, String name) {}

    /**
     * The class count the training labels imply (largest + 1). A label far above the others, say
     * one 200 among 0 to 9, would silently make a 201-class problem where 191 classes have no
     * sample, so a class without a single training sample is refused, naming the file and the label.
     */
    private static int classCount(Named labels) throws IOException {
        int[] perClass = new int[256];
        int largestAt = 0;
        for (int i = 0; i < labels.array.count(); i++) {
            int v = labels.array.unsigned(i);
            perClass[v]++;
            if (v > labels.array.unsigned(largestAt)) largestAt = i;
        }
        int largest = labels.array.unsigned(largestAt);
        int empty = 0;
        for (int c = 0; c <= largest; c++) if (perClass[c] == 0) empty++;
        if (empty > 0) {
            throw new IOException(labels.name + ": label " + largest + " (at index " + largestAt + ") implies " + (largest + 1) + " classes, but "
                    + empty + " of them have no training sample; labels must run from 0 to K-1");
        }
        return largest + 1;
    }

    private static Named readOne(ResourceSource source, String sourceName, String base) throws IOException {
        List<String> tried = new ArrayList<>();
        for (String name : new String[]{base, base + ".gz"}) {
            tried.add(name);
            InputStream in = source.open(name);
            if (in != null) {
                try (in) {
                    return new Named(IdxReader.read(in, name), name);
                }
            }
        }
        throw new IOException(sourceName + ": missing " + base + ": looked for " + String.join(" and ", tried));
    }

    private static boolean isFashionName(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).contains("fashion");
    }

    private static boolean looksLikeFashion(IdxArray trainLabels) {
        if (trainLabels.count() != 60_000) return false;
        for (int i = 0; i < FASHION_TRAIN_LABEL_PREFIX.length; i++) {
            if (trainLabels.unsigned(i) != FASHION_TRAIN_LABEL_PREFIX[i]) return false;
        }
        return true;
    }
}
