package io.github.convnet4j.data;

import io.github.convnet4j.util.Rng;

/**
 * Cuts a dataset into mini-batches, reproducibly: epoch {@code e} visits the samples in the order of
 * {@code Rng.derive(seed, e)} shuffling {@code 0..N-1} (or in stored order when not shuffling), in
 * {@link #batchesPerEpoch()} batches of {@code batchSize}, the last one possibly smaller. A run resumed
 * from a checkpoint taken after batch {@code b} of epoch {@code e} calls {@code iterator(e, b + 1)}
 * and sees exactly the batches the uninterrupted run would have seen.
 */
public final class Batches {
    private final Dataset dataset;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final Augmentation augmentation;

    /**
     * @param dataset   the samples
     * @param batchSize samples per batch, positive
     * @param seed      the run's seed; epoch orders derive from it
     * @param shuffle   whether to shuffle each epoch (training) or keep the stored order (evaluation)
     */
    public Batches(Dataset dataset, int batchSize, long seed, boolean shuffle) {
        this(dataset, batchSize, seed, shuffle, Augmentation.none());
    }

    private Batches(Dataset dataset, int batchSize, long seed, boolean shuffle, Augmentation augmentation) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.augmentation = augmentation;
    }

    /**
     * The same batches, each augmented by {@code augmentation} with the random stream
     * {@code (seed, epoch, batch)} as it is filled (on the loader threads for a streamed dataset).
     */
    public Batches withAugmentation(Augmentation augmentation) {
        return new Batches(dataset, batchSize, seed, shuffle, augmentation);
    }

    /** The augmentation applied to each batch ({@link Augmentation#none()} by default). */
    public Augmentation augmentation() { return augmentation; }

    /** Shuffled batches for training. */
    public static Batches shuffled(Dataset dataset, int batchSize, long seed) { return new Batches(dataset, batchSize, seed, true); }

    /** Batches in stored order, for evaluation and prediction. */
    public static Batches sequential(Dataset dataset, int batchSize) { return new Batches(dataset, batchSize, 0, false); }

    public Dataset dataset() { return dataset; }

    public int batchSize() { return batchSize; }

    public long seed() { return seed; }

    /** {@code ceil(N / batchSize)}: the last batch is kept even when partial. */
    public int batchesPerEpoch() { return (int) ((dataset.size() + (long) batchSize - 1) / batchSize); }

    /** Floats needed for one batch of images: {@code batchSize × C × H × W}. */
    public int imageBufferSize() { return Math.multiplyExact(batchSize, dataset.sampleSize()); }

    /** Floats needed for one batch of one-hot labels: {@code batchSize × numClasses}. */
    public int labelBufferSize() { return Math.multiplyExact(batchSize, dataset.numClasses()); }

    /** The order in which epoch {@code epoch} visits the samples (a new array). */
    public int[] order(int epoch) {
        int[] perm = new int[dataset.size()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        if (shuffle) Rng.derive(seed, epoch).shuffle(perm);
        return perm;
    }

    /**
     * An iterator over epoch {@code epoch}, starting at batch {@code startBatch}.
     *
     * @param startBatch in [0, batchesPerEpoch()]; equal to it gives an exhausted iterator
     */
    public BatchIterator iterator(int epoch, int startBatch) {
        if (startBatch < 0 || startBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("start batch " + startBatch + " is outside [0, " + batchesPerEpoch() + "]");
        }
        return new BatchIterator(this, order(epoch), epoch, startBatch);
    }

    /** An iterator over the whole of epoch {@code epoch}. */
    public BatchIterator iterator(int epoch) { return iterator(epoch, 0); }
}
