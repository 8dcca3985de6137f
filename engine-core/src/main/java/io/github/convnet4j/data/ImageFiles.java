package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The samples of a streamed {@link Dataset}: only the image files are kept in memory, and each is
 * decoded (and fitted to {@code (C, H, W)}) when a batch needs it. A decoded sample has exactly the
 * values the in-memory path stores ({@code round(255 v) / 255}), so streamed and in-memory training
 * see the same numbers. Shared by the {@link Dataset#select selections} of one folder, together
 * with the set of files skipped under {@code skipBad}. Thread-safe.
 */
public final class ImageFiles {
    private final Path[] files;
    private final Shape sampleShape;
    private final ImageFit fit;
    private final boolean skipBad;
    private final int loaderThreads;
    private final Set<String> skipped;

    /**
     * @param files         one file per sample
     * @param sampleShape   {@code (C, H, W)}, C = 1 or 3
     * @param fit           how each image is fitted to H × W
     * @param skipBad       drop unreadable files from their batch (counted in {@link #skipped()}) instead of failing
     * @param loaderThreads threads that decode batches ahead of the training step, at least 1
     */
    public ImageFiles(List<Path> files, Shape sampleShape, ImageFit fit, boolean skipBad, int loaderThreads) {
        this(files.toArray(new Path[0]), sampleShape, fit, skipBad, loaderThreads, new ConcurrentSkipListSet<>());
    }

    private ImageFiles(Path[] files, Shape sampleShape, ImageFit fit, boolean skipBad, int loaderThreads, Set<String> skipped) {
        if (loaderThreads < 1) throw new IllegalArgumentException("loader threads must be at least 1, got " + loaderThreads);
        this.files = files;
        this.sampleShape = sampleShape;
        this.fit = fit;
        this.skipBad = skipBad;
        this.loaderThreads = loaderThreads;
        this.skipped = skipped;
    }

    /** Number of files. */
    public int size() { return files.length; }

    /** The file of sample {@code i}. */
    public Path file(int i) { return files[i]; }

    public boolean skipBad() { return skipBad; }

    public int loaderThreads() { return loaderThreads; }

    /** The same files read by {@code threads} loader threads (the batches do not depend on it). */
    public ImageFiles withLoaderThreads(int threads) {
        return new ImageFiles(files, sampleShape, fit, skipBad, threads, skipped);
    }

    /** "path: reason" lines of the files skipped so far, sorted; shared by all selections of these files. */
    public List<String> skipped() { return List.copyOf(skipped); }

    /** The files at {@code indices}, in that order. */
    ImageFiles select(int[] indices) {
        Path[] out = new Path[indices.length];
        for (int j = 0; j < indices.length; j++) out[j] = files[indices[j]];
        return new ImageFiles(out, sampleShape, fit, skipBad, loaderThreads, skipped);
    }

    /**
     * Decodes sample {@code i} into {@code dst[offset ... offset + C·H·W)} as values in [0, 1].
     *
     * @param scratch at least C·H·W bytes, overwritten
     * @throws IOException one line naming the file, when it is not a readable image
     */
    void decode(int i, byte[] scratch, float[] dst, int offset) throws IOException {
        int c = sampleShape.dim(0), h = sampleShape.dim(1), w = sampleShape.dim(2);
        ImageFolderDecoder.decodeInto(files[i], fit, c, h, w, scratch, 0);
        int s = c * h * w;
        for (int j = 0; j < s; j++) dst[offset + j] = (scratch[j] & 0xFF) / 255f;
    }

    /**
     * Decodes a sample whose absence cannot be hidden (a caller that cannot drop it from a batch):
     * a bad file is an {@link UncheckedIOException} whatever {@code skipBad} says.
     */
    void decodeOrFail(int i, byte[] scratch, float[] dst, int offset) {
        try {
            decode(i, scratch, dst, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Records a file dropped under {@code skipBad}. */
    void markSkipped(String line) { skipped.add(line); }
}
