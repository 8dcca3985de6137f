package io.github.convnet4j.cli;

import io.github.convnet4j.data.CifarFormat;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
import io.github.convnet4j.util.HeapBudget;
import io.github.convnet4j.util.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --data} names: a bundled dataset ({@code fashion-mnist}), a directory with the four
 * standard MNIST-layout IDX files (plain or .gz), or a directory with CIFAR-10/100 binary batches.
 */
final class DataArgument {
    private DataArgument() {}

    /**
     * Loads {@code data}; a suffix {@code :classes=A-B} keeps only the classes A..B of both splits,
     * relabelled 0..B-A (transfer learning between class groups). An {@link OutOfMemoryError} on
     * the way (the readers check what they can against the heap first) becomes one line naming the data.
     */
    static MnistFormat.TrainTest load(String data) throws IOException {
        try {
            return HeapBudget.during("loading data '" + data + "'", "use a smaller data set", () -> loadSelected(data));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The {@code --split} of evaluate and features: {@code test} or {@code train}. */
    static Dataset split(MnistFormat.TrainTest sets, String split) {
        return switch (split) {
            case "test" -> sets.test();
            case "train" -> sets.train();
            default -> throw new UsageException("--split must be test or train, got '" + split + "'");
        };
    }

    private static MnistFormat.TrainTest loadSelected(String data) throws IOException {
        int colon = data.lastIndexOf(":classes=");
        if (colon > 0) return ClassRange.parse(data.substring(colon + 1), data).apply(loadUnchecked(data.substring(0, colon)));
        return loadUnchecked(data);
    }

    private static MnistFormat.TrainTest loadUnchecked(String data) throws IOException {
        if (BundledData.has(data)) {
            return MnistFormat.load(name -> BundledData.open(data, name), data);
        }
        Path dir = Path.of(data);
        if (!Files.exists(dir)) {
            if (ModelArgument.looksLikePath(data)) throw new IOException("data '" + data + "': " + data + " does not exist");
            throw new IOException("data '" + data + "' is not a bundled dataset" + Suggestions.didYouMean(data, BundledData.datasets())
                    + "; bundled: " + String.join(", ", BundledData.datasets())
                    + "; or pass a directory with train-images-idx3-ubyte[.gz] and friends or CIFAR binary batches");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("data '" + data + "' is a file; --data takes a bundled dataset name or a directory with"
                    + " train-images-idx3-ubyte[.gz] and friends or CIFAR binary batches");
        }
        return CifarFormat.looksLikeCifar(dir) ? CifarFormat.load(dir) : MnistFormat.load(dir);
    }
}
