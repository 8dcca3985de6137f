package io.github.convnet4j.cli;

import io.github.convnet4j.data.CifarFormat;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
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

    static MnistFormat.TrainTest load(String data) throws IOException {
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
