package io.github.convnet4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and augments the batches of one epoch of a streamed dataset ahead of the training step,
 * on a pool of loader threads, keeping at most {@code threads + 2} batches in flight (the memory
 * bound: that many batch buffers). Each batch is one task that decodes its samples in order and
 * augments them with the batch's own random stream ({@code seed, epoch, batch}), and batches are
 * handed out in order, so the result is the same bytes whatever the number of threads. A task's
 * failure (a corrupt file) is rethrown by {@link #take} for that batch; {@link #close} stops the pool.
 */
final class BatchLoader implements AutoCloseable {
    /** One batch buffer: {@code n} decoded samples and their dataset indices. */
    static final class Slot {
        final float[] images;
        final int[] indices;
        final byte[] scratch;
        int n;

        Slot(int batchSize, int sampleSize) {
            images = new float[Math.multiplyExact(batchSize, sampleSize)];
            indices = new int[batchSize];
            scratch = new byte[sampleSize];
        }
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Batches batches;
    private final ImageFiles files;
    private final int[] order;
    private final int epoch;
    private final ExecutorService pool;
    private final ThreadLocal<Augmentation> augmentation;
    private final ArrayDeque<Future<Slot>> ahead = new ArrayDeque<>();
    private int nextToSubmit;

    BatchLoader(Batches batches, int[] order, int epoch, int startBatch) {
        this.batches = batches;
        this.files = batches.dataset().imageFiles();
        this.order = order;
        this.epoch = epoch;
        int threads = files.loaderThreads();
        String name = "convnet-loader-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + count.incrementAndGet());
            t.setDaemon(true); // never keeps the JVM alive, whatever path the trainer leaves by
            return t;
        });
        Augmentation shared = batches.augmentation();
        this.augmentation = ThreadLocal.withInitial(shared::copy);
        this.nextToSubmit = startBatch;
        int sampleSize = batches.dataset().sampleSize();
        for (int i = 0; i < threads + 2 && nextToSubmit < batches.batchesPerEpoch(); i++) {
            submit(new Slot(batches.batchSize(), sampleSize));
        }
    }

    /**
     * Waits for the next batch in order and returns its slot; give it back with {@link #recycle}.
     *
     * @throws UncheckedIOException naming the file, when a file of this batch is not a readable image (and skipBad is off)
     */
    Slot take() {
        Future<Slot> f = ahead.poll();
        if (f == null) throw new java.util.NoSuchElementException("no batch left in epoch " + epoch);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch of images", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /** Returns a slot taken by {@link #take} once its contents were copied out: it loads the next batch. */
    void recycle(Slot slot) {
        if (nextToSubmit < batches.batchesPerEpoch()) submit(slot);
    }

    private void submit(Slot slot) {
        int b = nextToSubmit++;
        ahead.add(pool.submit(() -> fill(b, slot)));
    }

    private Slot fill(int b, Slot slot) {
        int bs = batches.batchSize(), s = batches.dataset().sampleSize();
        int start = b * bs, n = Math.min(bs, order.length - start);
        int kept = 0;
        String last = null;
        for (int j = 0; j < n; j++) {
            int i = order[start + j];
            try {
                files.decode(i, slot.scratch, slot.images, kept * s);
                slot.indices[kept++] = i;
            } catch (IOException e) {
                if (!files.skipBad()) throw new UncheckedIOException(e.getMessage() + "; pass --skip-bad to skip such files", e);
                files.markSkipped(e.getMessage());
                last = e.getMessage();
            }
        }
        if (kept == 0) throw new UncheckedIOException(new IOException("all " + n + " images of batch " + (b + 1) + " of epoch " + (epoch + 1)
                + " are unreadable, the last: " + last));
        slot.n = kept;
        Augmentation a = augmentation.get();
        if (!a.isIdentity()) a.apply(slot.images, kept, batches.dataset().sampleShape(), batches.seed(), epoch, b);
        return slot;
    }

    /** Stops the loader threads and drops the batches loaded ahead. */
    @Override public void close() {
        for (Future<Slot> f : ahead) f.cancel(true);
        ahead.clear();
        pool.shutdownNow();
    }
}
