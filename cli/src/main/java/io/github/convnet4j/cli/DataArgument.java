package io.github.convnet4j.cli;

import io.github.convnet4j.data.CifarFormat;
import io.github.convnet4j.data.CsvSource;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.ImageFit;
import io.github.convnet4j.data.ImageFolderSource;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.testdata.BundledData;
import io.github.convnet4j.util.HeapBudget;
import io.github.convnet4j.util.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --data} names: a bundled dataset ({@code fashion-mnist}); a directory with the four
 * standard MNIST-layout IDX files (plain or .gz), CIFAR-10/100 binary batches, {@code train.csv}
 * and {@code test.csv}, or image class folders ({@link ImageFolderSource}); or one {@code .csv}
 * file. Data with no test part (one class folder tree, one CSV file) comes back with a null test set.
 */
final class DataArgument {
    private DataArgument() {}

    /**
     * IDX, CIFAR or bundled data, whose samples bring their own shape (commands without a model).
     */
    static MnistFormat.TrainTest load(String data) throws IOException {
        return load(data, null, null);
    }

    /**
     * Loads {@code data}; a suffix {@code :classes=A-B} keeps only the classes A..B of both splits,
     * relabelled 0..B-A (transfer learning between class groups). An {@link OutOfMemoryError} on
     * the way (the readers check what they can against the heap first) becomes one line naming the data.
     *
     * @param inputShape the model's input, which image folders and CSV rows are fitted to; null when there is no model
     * @param options    --resize, --skip-bad, --label-column (null with a null inputShape)
     */
    static MnistFormat.TrainTest load(String data, Shape inputShape, DataOptions options) throws IOException {
        try {
            return HeapBudget.during("loading data '" + data + "'", "use a smaller data set", () -> {
                MnistFormat.TrainTest sets = loadSelected(data, inputShape, options);
                return inputShape == null ? sets : sets.viewedAs(inputShape);
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The {@code --split} of evaluate and features: {@code test} or {@code train}. */
    static Dataset split(MnistFormat.TrainTest sets, String split, String data) {
        return switch (split) {
            case "test" -> {
                if (sets.test() == null) {
                    throw new IllegalArgumentException("--data " + data + " has no test part (no test/ or val/ folder, or one CSV file);"
                            + " --split train reads all of it");
                }
                yield sets.test();
            }
            case "train" -> sets.train();
            default -> throw new UsageException("--split must be test or train, got '" + split + "'");
        };
    }

    private static MnistFormat.TrainTest loadSelected(String data, Shape inputShape, DataOptions options) throws IOException {
        int colon = data.lastIndexOf(":classes=");
        if (colon > 0) return ClassRange.parse(data.substring(colon + 1), data).apply(loadAll(data.substring(0, colon), inputShape, options));
        return loadAll(data, inputShape, options);
    }

    private static MnistFormat.TrainTest loadAll(String data, Shape inputShape, DataOptions options) throws IOException {
        if (BundledData.has(data)) {
            return MnistFormat.load(name -> BundledData.open(data, name), data);
        }
        Path dir = Path.of(data);
        if (!Files.exists(dir)) {
            if (ModelArgument.looksLikePath(data)) throw new IOException("data '" + data + "': " + data + " does not exist");
            throw new IOException("data '" + data + "' is not a bundled dataset" + Suggestions.didYouMean(data, BundledData.datasets())
                    + "; bundled: " + String.join(", ", BundledData.datasets())
                    + "; or pass a directory (IDX files, CIFAR batches, train.csv and test.csv, or image class folders) or a .csv file");
        }
        if (!Files.isDirectory(dir)) {
            if (data.toLowerCase(Locale.ROOT).endsWith(".csv")) return csv(dir, null, inputShape, options);
            throw new IOException("data '" + data + "' is a file; --data takes a bundled dataset name, a .csv file, or a directory with"
                    + " train-images-idx3-ubyte[.gz] and friends, CIFAR binary batches, train.csv and test.csv, or image class folders");
        }
        if (CifarFormat.looksLikeCifar(dir)) return CifarFormat.load(dir);
        if (Files.isRegularFile(dir.resolve("train.csv"))) {
            if (!Files.isRegularFile(dir.resolve("test.csv"))) {
                throw new IOException(dir + ": has train.csv but no test.csv; add one, or pass " + dir.resolve("train.csv") + " with --validation-split");
            }
            return csv(dir.resolve("train.csv"), dir.resolve("test.csv"), inputShape, options);
        }
        if (!hasIdx(dir) && ImageFolderSource.looksLikeImageFolder(dir)) return images(dir, inputShape, options);
        return MnistFormat.load(dir);
    }

    private static boolean hasIdx(Path dir) {
        return Files.exists(dir.resolve(MnistFormat.TRAIN_IMAGES)) || Files.exists(dir.resolve(MnistFormat.TRAIN_IMAGES + ".gz"));
    }

    private static MnistFormat.TrainTest images(Path dir, Shape inputShape, DataOptions options) throws IOException {
        Shape shape = requireShape(inputShape, dir);
        ImageFit fit;
        try {
            fit = ImageFit.parse(options.resize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resize: " + e.getMessage());
        }
        // Streamed, threads + 2 batch buffers are in flight: the count bounds the loader's memory, so it is capped.
        if (options.loaderThreads < 0 || options.loaderThreads > DataOptions.MAX_LOADER_THREADS) {
            throw new UsageException("--loader-threads must be 0 (one per core) to " + DataOptions.MAX_LOADER_THREADS + ", got " + options.loaderThreads);
        }
        int threads = options.loaderThreads > 0 ? options.loaderThreads : Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        ImageFolderSource.Loading loading = options.stream ? ImageFolderSource.Loading.STREAM : ImageFolderSource.Loading.AUTO;
        ImageFolderSource.Loaded l;
        try {
            l = ImageFolderSource.load(dir, new ImageFolderSource.Options(shape, fit, options.skipBad, threads, loading));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir + ": " + e.getMessage());
        }
        if (!l.skipped().isEmpty()) {
            System.err.println("skipped " + l.skipped().size() + " bad file" + (l.skipped().size() == 1 ? "" : "s") + " (--skip-bad), the first: " + l.skipped().get(0));
        }
        if (l.train().isStreamed()) {
            System.err.println(dir + ": streamed (images decoded batch by batch on " + threads + " loader thread" + (threads == 1 ? "" : "s")
                    + (options.stream ? ", --stream" : ", as they would take more than half the free heap") + ")");
        }
        return new MnistFormat.TrainTest(l.train(), l.test());
    }

    /**
     * Prints how many unreadable files a streamed image folder skipped under --skip-bad; they are
     * found only as batches decode them, so this comes after training or evaluation.
     */
    static void reportStreamedSkips(Dataset... sets) {
        java.util.TreeSet<String> skipped = new java.util.TreeSet<>(); // the selections of one folder share one list
        for (Dataset d : sets) if (d != null && d.isStreamed()) skipped.addAll(d.imageFiles().skipped());
        if (skipped.isEmpty()) return;
        System.err.println("skipped " + skipped.size() + " bad file" + (skipped.size() == 1 ? "" : "s")
                + " while streaming (--skip-bad), the first: " + skipped.first());
    }

    private static MnistFormat.TrainTest csv(Path train, Path test, Shape inputShape, DataOptions options) throws IOException {
        Shape shape = requireShape(inputShape, train);
        try {
            CsvSource.Loaded l = CsvSource.load(train, test, shape, options.labelColumn);
            if (l.pixelsScaled()) System.err.println(train + ": values are whole numbers 0..255, read as 8-bit pixels and divided by 255");
            return new MnistFormat.TrainTest(l.train(), l.test());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(train + ": " + e.getMessage());
        }
    }

    private static Shape requireShape(Shape inputShape, Path data) {
        if (inputShape == null) {
            throw new IllegalArgumentException(data + ": image folders and CSV files are fitted to a model's input; this command reads"
                    + " IDX, CIFAR or bundled data only");
        }
        return inputShape;
    }
}
