package io.github.convnet4j.cli;

import io.github.convnet4j.data.Augmentation;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.ImageWriter;
import io.github.convnet4j.tensor.Shape;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convnet augment-preview}: what {@code --augment} does to the training images, as one PNG:
 * a row per image (the first training images), the original first, then one draw per column,
 * made the way training draws them (from the seed, the epoch and the batch).
 */
@Command(name = "augment-preview", mixinStandardHelpOptions = true,
        description = "Write a PNG grid of training images and their augmented versions for an --augment spec.")
final class AugmentPreviewCommand implements Callable<Integer> {
    @Option(names = "--augment", required = true, paramLabel = "A", description = "Augmentation spec, as for train (e.g. flip,shift=3,rotate=15).")
    String augment;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "D", description = "Dataset, as for train. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--count", defaultValue = "8", paramLabel = "N", description = "Images (rows). Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--draws", defaultValue = "7", paramLabel = "K", description = "Augmented versions per image (columns after the original). Default: ${DEFAULT-VALUE}.")
    int draws;

    @Option(names = "--seed", defaultValue = "42", description = "Seed, as for train. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--scale", defaultValue = "3", description = "Pixel upscaling factor. Default: ${DEFAULT-VALUE}.")
    int scale;

    @Option(names = "--out", defaultValue = "augment-preview.png", paramLabel = "FILE", description = "Output PNG. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 64) throw new IllegalArgumentException("--count must be in 1..64, got " + count);
        if (draws < 1 || draws > 32) throw new IllegalArgumentException("--draws must be in 1..32, got " + draws);
        if (scale < 1 || scale > 16) throw new IllegalArgumentException("--scale must be in 1..16, got " + scale);
        Augmentation a = Augmentation.parse(augment);
        Dataset train = DataArgument.load(data).train();
        int n = Math.min(count, train.size()), per = train.sampleSize();
        Shape sample = train.sampleShape();
        if (sample.rank() != 3) throw new IllegalArgumentException("augmentation needs images (C, H, W); " + data + " has samples " + sample);
        float[] originals = new float[n * per];
        for (int i = 0; i < n; i++) train.copySample(i, originals, i * per);
        float[] grid = new float[n * (draws + 1) * per];
        for (int d = 0; d <= draws; d++) {
            float[] batch = originals.clone();
            if (d > 0) a.apply(batch, n, sample, seed, d, 0);
            for (int i = 0; i < n; i++) System.arraycopy(batch, i * per, grid, (i * (draws + 1) + d) * per, per);
        }
        ImageWriter.writeGrid(out, grid, Shape.of(n * (draws + 1), sample.dim(0), sample.dim(1), sample.dim(2)), draws + 1, scale, false);
        System.out.println("wrote " + out + ": " + n + " images (rows), the original then " + draws + " draws of " + a);
        return 0;
    }
}
