package io.github.convnet4j.data;

import java.util.Arrays;

/**
 * Walks one epoch of {@link Batches}, filling caller-provided buffers so that a training step
 * allocates nothing, and applying the batches' augmentation. An in-memory dataset is copied on the
 * calling thread; a {@link Dataset#isStreamed() streamed} one is decoded and augmented ahead by a
 * {@link BatchLoader} pool, with the same result. {@link #close()} stops that pool: use the
 * iterator in a try-with-resources block. Not thread-safe.
 */
public final class BatchIterator implements AutoCloseable {
    private final Batches batches;
    private final Dataset dataset;
    private final int[] order;
    private final int epoch;
    private final BatchLoader loader;        // null for an in-memory dataset
    private final int[] lastIndices;
    private int nextBatch;
    private int lastSize = -1;
    private long waitNanos;

    BatchIterator(Batches batches, int[] order, int epoch, int startBatch) {
        this.batches = batches;
        this.dataset = batches.dataset();
        this.order = order;
        this.epoch = epoch;
        this.nextBatch = startBatch;
        this.lastIndices = new int[batches.batchSize()];
        this.loader = dataset.isStreamed() && startBatch < batches.batchesPerEpoch() ? new BatchLoader(batches, order, epoch, startBatch) : null;
    }

    /** The epoch this iterator walks. */
    public int epoch() { return epoch; }

    /** Index (within the epoch) of the batch the next call to {@link #next} returns. */
    public int nextBatchIndex() { return nextBatch; }

    /** Whether another batch remains in this epoch. */
    public boolean hasNext() { return nextBatch < batches.batchesPerEpoch(); }

    /**
     * Seconds spent inside {@link #next} so far: copying and augmenting an in-memory batch, or
     * waiting for the loader threads of a streamed one. The time the step waited for data.
     */
    public double waitSeconds() { return waitNanos * 1e-9; }

    /**
     * Fills the next batch.
     *
     * @param images       at least {@link Batches#imageBufferSize()} floats; rows {@code [0, n)} receive
     *                     the {@code (n, C, H, W)} samples, augmented
     * @param oneHotLabels at least {@link Batches#labelBufferSize()} floats, or null; rows {@code [0, n)}
     *                     receive {@code (n, K)} one-hot labels
     * @param labels       at least {@code batchSize} ints, or null; entries {@code [0, n)} receive the labels
     * @return {@code n}, the number of samples in this batch ({@code batchSize}, or fewer for the last one,
     *         or for a streamed batch whose unreadable files were skipped); buffer entries beyond {@code n}
     *         are left as they were
     * @throws java.util.NoSuchElementException when the epoch is exhausted
     * @throws java.io.UncheckedIOException naming the file, when a streamed sample is not a readable image
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
        long t0 = System.nanoTime();
        int n;
        if (loader != null) {
            BatchLoader.Slot slot = loader.take();
            n = slot.n;
            System.arraycopy(slot.images, 0, images, 0, n * sampleSize);
            System.arraycopy(slot.indices, 0, lastIndices, 0, n);
            loader.recycle(slot);
        } else {
            int start = nextBatch * bs;
            n = Math.min(bs, order.length - start);
            for (int j = 0; j < n; j++) {
                lastIndices[j] = order[start + j];
                dataset.copySample(lastIndices[j], images, j * sampleSize);
            }
            batches.augmentation().apply(images, n, dataset.sampleShape(), batches.seed(), epoch, nextBatch);
        }
        int[] lab = dataset.labels();
        if (oneHotLabels != null) Arrays.fill(oneHotLabels, 0, n * k, 0f);
        for (int j = 0; j < n; j++) {
            int i = lastIndices[j];
            if (oneHotLabels != null) oneHotLabels[j * k + lab[i]] = 1f;
            if (labels != null) labels[j] = lab[i];
        }
        waitNanos += System.nanoTime() - t0;
        lastSize = n;
        nextBatch++;
        return n;
    }

    /** {@link #next(float[], float[], int[])} without integer labels. */
    public int next(float[] images, float[] oneHotLabels) { return next(images, oneHotLabels, null); }

    /** Dataset index of sample {@code j} of the batch last returned, e.g. to report predictions per file. */
    public int sampleIndex(int j) {
        if (lastSize < 0 || j < 0 || j >= lastSize) throw new IndexOutOfBoundsException("sample " + j + " of the last batch (size " + Math.max(lastSize, 0) + ")");
        return lastIndices[j];
    }

    /** Stops the loader threads of a streamed dataset (nothing to do for an in-memory one). */
    @Override public void close() {
        if (loader != null) loader.close();
    }
}
