package io.github.convnet4j.data;

import java.util.Arrays;

/**
 * Walks one epoch of {@link Batches}, filling caller-provided buffers so that a training step
 * allocates nothing. Not thread-safe.
 */
public final class BatchIterator {
    private final Batches batches;
    private final Dataset dataset;
    private final int[] order;
    private final int epoch;
    private int nextBatch;
    private int lastStart = -1;
    private int lastSize;

    BatchIterator(Batches batches, int[] order, int epoch, int startBatch) {
        this.batches = batches;
        this.dataset = batches.dataset();
        this.order = order;
        this.epoch = epoch;
        this.nextBatch = startBatch;
    }

    /** The epoch this iterator walks. */
    public int epoch() { return epoch; }

    /** Index (within the epoch) of the batch the next call to {@link #next} returns. */
    public int nextBatchIndex() { return nextBatch; }

    /** Whether another batch remains in this epoch. */
    public boolean hasNext() { return nextBatch < batches.batchesPerEpoch(); }

    /**
     * Fills the next batch.
     *
     * @param images       at least {@link Batches#imageBufferSize()} floats; rows {@code [0, n)} receive
     *                     the {@code (n, C, H, W)} samples
     * @param oneHotLabels at least {@link Batches#labelBufferSize()} floats, or null; rows {@code [0, n)}
     *                     receive {@code (n, K)} one-hot labels
     * @param labels       at least {@code batchSize} ints, or null; entries {@code [0, n)} receive the labels
     * @return {@code n}, the number of samples in this batch ({@code batchSize}, or fewer for the last one);
     *         buffer entries beyond {@code n} are left as they were
     * @throws java.util.NoSuchElementException when the epoch is exhausted
     */
    public int next(float[] images, float[] oneHotLabels, int[] labels) {
        if (!hasNext()) throw new java.util.NoSuchElementException("epoch " + epoch + " has only " + batches.batchesPerEpoch() + " batches");
        int bs = batches.batchSize();
        int sampleSize = dataset.sampleSize();
        int k = dataset.numClasses();
        if (images.length < batches.imageBufferSize()) {
            throw new IllegalArgumentException("image buffer holds " + images.length + " floats, a batch needs " + batches.imageBufferSize());
        }
        if (oneHotLabels != null && oneHotLabels.length < batches.labelBufferSize()) {
            throw new IllegalArgumentException("label buffer holds " + oneHotLabels.length + " floats, a batch needs " + batches.labelBufferSize());
        }
        if (labels != null && labels.length < bs) {
            throw new IllegalArgumentException("label array holds " + labels.length + " ints, a batch needs " + bs);
        }
        int start = nextBatch * bs;
        int n = Math.min(bs, order.length - start);
        int[] lab = dataset.labels();
        if (oneHotLabels != null) Arrays.fill(oneHotLabels, 0, n * k, 0f);
        for (int j = 0; j < n; j++) {
            int i = order[start + j];
            dataset.copySample(i, images, j * sampleSize);
            if (oneHotLabels != null) oneHotLabels[j * k + lab[i]] = 1f;
            if (labels != null) labels[j] = lab[i];
        }
        lastStart = start;
        lastSize = n;
        nextBatch++;
        return n;
    }

    /** {@link #next(float[], float[], int[])} without integer labels. */
    public int next(float[] images, float[] oneHotLabels) { return next(images, oneHotLabels, null); }

    /** Dataset index of sample {@code j} of the batch last returned, e.g. to report predictions per file. */
    public int sampleIndex(int j) {
        if (lastStart < 0 || j < 0 || j >= lastSize) throw new IndexOutOfBoundsException("sample " + j + " of the last batch (size " + lastSize + ")");
        return order[lastStart + j];
    }
}
