package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.HeapBudget;
import io.github.convnet4j.util.Rng;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An in-memory labelled image set: {@code size()} samples of shape {@code (C, H, W)} with values in
 * [0, 1], and integer labels in [0, numClasses). Samples are stored {@code (N, C, H, W)} row-major,
 * either as floats or, for data read from 8-bit files (IDX, CIFAR), as the unsigned bytes
 * themselves ({@code v = b / 255}): a quarter of the memory, converted only when a batch is copied
 * out. A streamed dataset ({@link #streamed}) holds only its image files and decodes samples as
 * batches need them. Immutable by convention: the arrays are shared, not copied, so do not modify them.
 */
public final class Dataset {
    private final float[] images;   // null when the samples are bytes
    private final byte[] pixels;    // null when the samples are floats
    private final ImageFiles files; // non-null only for a streamed dataset (then images and pixels are null)
    private final int[] labels;
    private final Shape sampleShape;
    private final int numClasses;
    private final List<String> classNames;

    /**
     * @param images      {@code (N, C, H, W)} values, row-major
     * @param labels      {@code N} labels, each in [0, numClasses)
     * @param sampleShape {@code (C, H, W)}
     * @param numClasses  number of classes, positive
     * @param classNames  {@code numClasses} names, or {@code null}/empty for none
     * @throws IllegalArgumentException when the sizes disagree or a label is out of range
     */
    public Dataset(float[] images, int[] labels, Shape sampleShape, int numClasses, List<String> classNames) {
        this(images, null, null, images.length, labels, sampleShape, numClasses, classNames);
    }

    /**
     * A dataset of 8-bit samples kept as bytes: sample value {@code (pixels[i] & 0xFF) / 255f}.
     *
     * @param pixels {@code (N, C, H, W)} unsigned bytes, row-major (shared, not copied)
     * @see #Dataset(float[], int[], Shape, int, List)
     */
    public static Dataset ofUnsignedBytes(byte[] pixels, int[] labels, Shape sampleShape, int numClasses, List<String> classNames) {
        return new Dataset(null, pixels, null, pixels.length, labels, sampleShape, numClasses, classNames);
    }

    /**
     * A streamed dataset: only {@code files} are held, and each sample is decoded when a batch needs
     * it ({@link BatchIterator} does so ahead of the step on {@link ImageFiles#loaderThreads()} threads).
     *
     * @param labels one label per file
     */
    public static Dataset streamed(ImageFiles files, int[] labels, Shape sampleShape, int numClasses, List<String> classNames) {
        if (files.size() != labels.length) throw new IllegalArgumentException(files.size() + " files but " + labels.length + " labels");
        return new Dataset(null, null, files, labels.length * sampleShape.size(), labels, sampleShape, numClasses, classNames);
    }

    private Dataset(float[] images, byte[] pixels, ImageFiles files, long values, int[] labels, Shape sampleShape, int numClasses, List<String> classNames) {
        if (sampleShape.rank() < 2 || sampleShape.rank() > 4) {
            throw new IllegalArgumentException("sample shape must be (C, L), (C, H, W) or (C, D, H, W), got " + sampleShape);
        }
        if (numClasses <= 0) throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        long expected = Math.multiplyExact((long) labels.length, sampleShape.size());
        if (values != expected) {
            throw new IllegalArgumentException(labels.length + " samples of " + sampleShape + " need " + expected + " values, got " + values);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, " + numClasses + ")");
            }
        }
        if (classNames != null && !classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
        this.images = images;
        this.pixels = pixels;
        this.files = files;
        this.labels = labels;
        this.sampleShape = sampleShape;
        this.numClasses = numClasses;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /**
     * Reads an image IDX file {@code (N, H, W)} (or {@code (N, C, H, W)}) and a label IDX file {@code (N)},
     * plain or gzip. The number of classes is the largest label + 1.
     *
     * @throws IOException naming the file, for unreadable files, mismatched counts or bad shapes
     */
    public static Dataset fromIdx(Path images, Path labels) throws IOException {
        return fromIdx(images, labels, 0);
    }

    /**
     * Like {@link #fromIdx(Path, Path)} with a fixed number of classes; every label must be below it.
     *
     * @param numClasses the class count, or 0 to use the largest label + 1
     */
    public static Dataset fromIdx(Path images, Path labels, int numClasses) throws IOException {
        return fromIdx(IdxReader.read(images), String.valueOf(images.getFileName()),
                IdxReader.read(labels), String.valueOf(labels.getFileName()), numClasses, null);
    }

    /**
     * Builds a dataset from already-read IDX arrays; names are used in error messages.
     *
     * @param numClasses the class count, or 0 to use the largest label + 1
     * @param classNames names, or null
     */
    public static Dataset fromIdx(IdxArray images, String imagesName, IdxArray labels, String labelsName,
                                  int numClasses, List<String> classNames) throws IOException {
        int[] d = images.dims();
        Shape sample = switch (d.length) {
            case 3 -> Shape.of(1, d[1], d[2]);
            case 4 -> Shape.of(d[1], d[2], d[3]);
            case 5 -> Shape.of(d[1], d[2], d[3], d[4]);
            default -> throw new IOException(imagesName + ": images must have 3 dimensions (N, H, W) or (N, C, L), 4 (N, C, H, W) or 5 (N, C, D, H, W), got "
                    + images.dimsText());
        };
        if (labels.dims().length != 1) {
            throw new IOException(labelsName + ": labels must have 1 dimension (N), got " + labels.dimsText());
        }
        if (labels.count() != images.count()) {
            throw new IOException(labelsName + ": " + labels.count() + " labels but " + imagesName + " has " + images.count() + " images");
        }
        int n = labels.count();
        int[] lab = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            lab[i] = labels.unsigned(i);
            max = Math.max(max, lab[i]);
        }
        int k = numClasses > 0 ? numClasses : max + 1;
        if (max >= k) {
            for (int i = 0; i < n; i++) {
                if (lab[i] >= k) throw new IOException(labelsName + ": label " + lab[i] + " at index " + i + " is not below the " + k + " classes");
            }
        }
        return ofUnsignedBytes(images.data(), lab, sample, k, classNames);
    }

    /**
     * The same samples seen with {@code shape} where only the reading differs: an IDX file of
     * {@code (N, C, L)} sequences is read as {@code (N, 1, C, L)} images, and a model that takes
     * {@code (C, L)} views it so. Applies when the element counts match and the shapes are equal
     * once leading 1s are dropped; otherwise this dataset is returned unchanged (the caller's shape
     * check then names both shapes).
     */
    public Dataset viewedAs(Shape shape) {
        if (files != null || shape.equals(sampleShape) || shape.rank() < 2 || shape.rank() > 4 || shape.size() != sampleShape.size()) return this;
        if (!java.util.Arrays.equals(withoutLeadingOnes(shape), withoutLeadingOnes(sampleShape))) return this;
        return new Dataset(images, pixels, files, valueCount(), labels, shape, numClasses, classNames);
    }

    private static int[] withoutLeadingOnes(Shape s) {
        int[] d = s.dims();
        int i = 0;
        while (i < d.length - 1 && d[i] == 1) i++;
        return java.util.Arrays.copyOfRange(d, i, d.length);
    }

    /** Number of samples N. */
    public int size() { return labels.length; }

    /** {@code (C, H, W)} of one sample. */
    public Shape sampleShape() { return sampleShape; }

    /** C × H × W: floats per sample. */
    public int sampleSize() { return Math.toIntExact(sampleShape.size()); }

    public int numClasses() { return numClasses; }

    /** Class names, or an empty list when the dataset has none. */
    public List<String> classNames() { return classNames; }

    /** The name of class {@code k}, or its number as text when there are no names. */
    public String className(int k) { return classNames.isEmpty() ? String.valueOf(k) : classNames.get(k); }

    /**
     * All samples as one {@code (N, C, H, W)} float array: the backing array (shared; do not modify)
     * for a float dataset, a new array for a byte dataset. Prefer {@link #copySamples}, which
     * converts only what a batch needs.
     */
    public float[] images() {
        if (images != null) return images;
        long values = valueCount();
        if (files != null) HeapBudget.require(4 * values, "decoding all " + size() + " streamed images at once", "use a smaller data set");
        float[] all = new float[Math.toIntExact(values)];
        copySamples(0, size(), all, 0);
        return all;
    }

    /** Whether samples are stored as unsigned bytes (a quarter of the memory of floats). */
    public boolean storesBytes() { return pixels != null; }

    /** Whether samples are decoded from files batch by batch instead of held in memory. */
    public boolean isStreamed() { return files != null; }

    /** The files of a streamed dataset, or null. */
    public ImageFiles imageFiles() { return files; }

    /** The backing label array (shared; do not modify). */
    public int[] labels() { return labels; }

    /** Label of sample {@code i}. */
    public int label(int i) { return labels[i]; }

    /** Copies sample {@code i} ({@code C × H × W} floats) to {@code dst[offset...]}. */
    public void copySample(int i, float[] dst, int offset) {
        copySamples(i, 1, dst, offset);
    }

    /**
     * Copies samples {@code [first, first + count)} ({@code count × C × H × W} floats) to {@code dst[offset...]}.
     * A streamed dataset decodes them here, on the calling thread.
     *
     * @throws java.io.UncheckedIOException naming the file, when a streamed sample's file is not a readable image
     */
    public void copySamples(int first, int count, float[] dst, int offset) {
        int s = sampleSize();
        if (files != null) {
            byte[] scratch = new byte[s];
            for (int j = 0; j < count; j++) files.decodeOrFail(first + j, scratch, dst, offset + j * s);
            return;
        }
        int from = Math.multiplyExact(first, s), n = Math.multiplyExact(count, s);
        if (images != null) {
            System.arraycopy(images, from, dst, offset, n);
            return;
        }
        java.util.Objects.checkFromIndexSize(from, n, pixels.length);
        java.util.Objects.checkFromIndexSize(offset, n, dst.length);
        for (int j = 0; j < n; j++) dst[offset + j] = (pixels[from + j] & 0xFF) / 255f;
    }

    /**
     * The same samples (same storage: floats, bytes or files) with other labels.
     *
     * @param labels     {@code size()} labels in [0, numClasses)
     * @param classNames {@code numClasses} names, or empty
     */
    public Dataset relabelled(int[] labels, int numClasses, List<String> classNames) {
        if (labels.length != size()) throw new IllegalArgumentException(labels.length + " labels for " + size() + " samples");
        return new Dataset(images, pixels, files, valueCount(), labels, sampleShape, numClasses, classNames);
    }

    /** The first {@code n} samples, in order (copies). */
    public Dataset subset(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("subset of " + n + " from a dataset of " + size() + " samples");
        return select(identity(n));
    }

    /** The samples at {@code indices}, in that order (copies). */
    public Dataset select(int[] indices) {
        if (files != null) {
            int[] lab = new int[indices.length];
            for (int j = 0; j < indices.length; j++) lab[j] = labels[indices[j]];
            return streamed(files.select(indices), lab, sampleShape, numClasses, classNames);
        }
        int s = sampleSize();
        int total = Math.multiplyExact(indices.length, s);
        float[] img = images == null ? null : new float[total];
        byte[] px = pixels == null ? null : new byte[total];
        int[] lab = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (img != null) System.arraycopy(images, Math.multiplyExact(i, s), img, j * s, s);
            else System.arraycopy(pixels, Math.multiplyExact(i, s), px, j * s, s);
            lab[j] = labels[i];
        }
        return new Dataset(img, px, null, total, lab, sampleShape, numClasses, classNames);
    }

    /**
     * Splits off a random validation set. The same seed always gives the same split; each part keeps
     * the original relative order of its samples.
     *
     * @param validationFraction in [0, 1): the share of samples (rounded) that go to validation
     */
    public DatasetSplit split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int n = size();
        int nVal = (int) Math.round(n * validationFraction);
        int[] perm = identity(n);
        // A fixed key keeps the split independent of the per-epoch shuffle streams derived from the same seed.
        Rng.derive(seed, 0x5B1170L).shuffle(perm);
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new DatasetSplit(select(train), select(val));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private long valueCount() { return images != null ? images.length : pixels != null ? pixels.length : labels.length * sampleShape.size(); }

    @Override public String toString() {
        return "Dataset(" + size() + " x " + sampleShape + ", " + numClasses + " classes)";
    }
}
