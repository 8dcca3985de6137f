package io.github.convnet4j.cli.bench;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.IdxArray;
import io.github.convnet4j.data.IdxReader;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.testdata.BundledData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training data of a benchmark run, chosen by the network's input shape exactly as
 * {@code bench/pytorch_peer.py} chooses it: the first Fashion-MNIST training images for
 * {@code (1, 28, 28)} networks, seeded {@link SyntheticData} for any other input. The sample count is
 * a whole number of batches: enough for every step, but at most {@link #MAX_SAMPLES} (the loop then
 * runs more than one epoch) and at most what the file holds.
 *
 * @param dataset     the samples, values in [0, 1]
 * @param description e.g. {@code fashion-mnist} or {@code synthetic-splitmix64}; the {@code data=} field of result lines
 * @param source      where it came from, for the report
 */
public record BenchmarkData(Dataset dataset, String description, String source) {
    /** Cap on samples held, so that a long run does not hold a large synthetic set. */
    public static final int MAX_SAMPLES = 4096;
    /** Where Debian-style systems keep Fashion-MNIST; used before the copy bundled in the jar. */
    public static final Path SYSTEM_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Shape MNIST_SAMPLE = Shape.of(1, 28, 28);
    private static final int CLASSES = 10;

    /** Samples to hold for {@code steps} batches of {@code batch}: a multiple of batch, at least one batch. */
    public static int sampleCount(int batch, long steps, int available) {
        long wanted = Math.min((long) batch * steps, Math.max(MAX_SAMPLES, batch));
        long n = Math.min(wanted, available) / batch * batch;
        if (n < batch) throw new IllegalArgumentException("the data has " + available + " samples, fewer than one batch of " + batch);
        return (int) n;
    }

    /**
     * Loads the data for a network with per-sample input {@code inputShape}.
     *
     * @param dataDir a Fashion-MNIST folder, or null for {@link #SYSTEM_FASHION_MNIST} when present, else the bundled copy
     * @throws IOException naming the file when Fashion-MNIST cannot be read
     */
    public static BenchmarkData load(Shape inputShape, int batch, long steps, Path dataDir, long seed) throws IOException {
        if (!inputShape.equals(MNIST_SAMPLE)) {
            int n = sampleCount(batch, steps, Integer.MAX_VALUE);
            return new BenchmarkData(SyntheticData.of(n, inputShape, CLASSES, seed), "synthetic-splitmix64", "seed " + seed);
        }
        Path dir = dataDir != null ? dataDir : Files.isDirectory(SYSTEM_FASHION_MNIST) ? SYSTEM_FASHION_MNIST : null;
        IdxArray images = read(dir, MnistFormat.TRAIN_IMAGES);
        IdxArray labels = read(dir, MnistFormat.TRAIN_LABELS);
        int[] d = images.dims();
        if (d.length != 3 || d[1] != 28 || d[2] != 28) throw new IOException(MnistFormat.TRAIN_IMAGES + ": expected (N, 28, 28) images, got " + images.dimsText());
        if (labels.dims().length != 1 || labels.count() != images.count()) {
            throw new IOException(MnistFormat.TRAIN_LABELS + ": expected " + images.count() + " labels, got " + labels.dimsText());
        }
        int n = sampleCount(batch, steps, images.count());
        byte[] raw = images.data();
        float[] img = new float[n * 28 * 28];
        for (int i = 0; i < img.length; i++) img[i] = (raw[i] & 0xFF) / 255f;
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = labels.unsigned(i);
            if (lab[i] >= CLASSES) throw new IOException(MnistFormat.TRAIN_LABELS + ": label " + lab[i] + " at index " + i + " is not below " + CLASSES);
        }
        Dataset ds = new Dataset(img, lab, MNIST_SAMPLE, CLASSES, MnistFormat.FASHION_MNIST_CLASSES);
        return new BenchmarkData(ds, "fashion-mnist", dir != null ? dir.toString() : "bundled copy (test-data jar)");
    }

    /** One IDX file, {@code base} or {@code base.gz}, from {@code dir} or (dir null) the bundled resources. */
    private static IdxArray read(Path dir, String base) throws IOException {
        if (dir != null) {
            for (String name : new String[] {base, base + ".gz"}) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) return IdxReader.read(p);
            }
            throw new IOException(dir + ": no " + base + " or " + base + ".gz (Fashion-MNIST in the MNIST layout expected)");
        }
        try (InputStream in = BundledData.open("fashion-mnist", base + ".gz")) {
            if (in == null) throw new IOException("the bundled Fashion-MNIST copy has no " + base + ".gz (is the test-data jar on the class path?)");
            return IdxReader.read(in, base + ".gz");
        }
    }
}
