package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffers one model's layers share for the gradients of a backward pass. A gradient is alive
 * from the layer that writes it until the layer it belongs to has read it, which in a chain is two
 * layers; so instead of every layer keeping its own input-gradient buffer, as large as its input
 * for the whole batch (a ResNet-18 at batch 128 had 1 GB of them), the layers take buffers from
 * here and the model hands each one back when its last reader is done. A buffer serves any
 * request up to its size (as a view), so a pass needs about as many as the widest cut of live
 * gradients, per size.
 *
 * <p>Life of a buffer: {@link #acquire} lends it to the node whose backward is running (one
 * reference, dropped by {@link #endNode}); the model {@link #retain}s it for every place it keeps
 * it as a gradient and {@link #release}s it when that gradient has been read; with no references
 * left, it is free for the next request. {@link #reset} frees everything before a new pass.
 * Tensors that did not come from here (a loss gradient, a hook's tensor, a view of a layer's own
 * buffer) are ignored by retain and release, and never {@link #exclusive}.
 *
 * <p>The same pass makes the same requests in the same order, so after the first pass (and the
 * first smaller last batch) nothing is allocated. Not thread-safe: one model, one pass at a time.
 */
public final class GradientPool implements AutoCloseable {
    /** Recent views kept per buffer: a buffer serves a few shapes (full and last batch, a layer or two). */
    private static final int VIEWS = 4;

    private static final class Entry {
        final Tensor owner;
        final long capacity;
        final Tensor[] views = new Tensor[VIEWS];
        int nextView;
        int references;

        Entry(Tensor owner) {
            this.owner = owner;
            this.capacity = owner.buffer().length();
        }

        /** The buffer as {@code shape}, or as {@code (n, sample...)} when {@code shape} is null. */
        Tensor view(Shape shape, int n, Shape sample) {
            if (fits(owner, shape, n, sample)) return owner;
            for (Tensor v : views) if (v != null && fits(v, shape, n, sample)) return v;
            Tensor v = owner.reshape(shape != null ? shape : AbstractLayer.batched(n, sample));
            views[nextView] = v;
            nextView = (nextView + 1) % VIEWS;
            return v;
        }

        private static boolean fits(Tensor t, Shape shape, int n, Shape sample) {
            return shape != null ? t.shape().equals(shape) : t.shape().isBatchOf(n, sample);
        }
    }

    private final boolean reuse;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Entry> lentToNode = new ArrayList<>();

    /**
     * @param reuse whether a buffer is lent again within a pass once its holders let it go; without,
     *              every request of a pass gets a buffer of its own, as when each layer kept its own
     *              (the reference the shared mode must match bit for bit)
     */
    public GradientPool(boolean reuse) { this.reuse = reuse; }

    /**
     * A gradient buffer of {@code shape}: from {@code pool} when the layer runs in a model's
     * backward pass (see {@link AbstractLayer#shareGradientBuffers}), else from the layer's own
     * {@code slot}. Contents are stale.
     */
    static Tensor from(GradientPool pool, TensorSlot slot, Backend backend, Shape shape, DType dtype) {
        return pool != null ? pool.acquire(backend, shape, dtype) : slot.get(backend, shape, dtype);
    }

    /**
     * A buffer of {@code shape} for the node whose backward is running: the smallest free buffer
     * that holds it (viewed as {@code shape}), or a new one. Contents are stale.
     */
    public Tensor acquire(Backend backend, Shape shape, DType dtype) { return lend(backend, shape.size(), shape, 0, null, dtype); }

    /** {@link #acquire} of {@code (n, sample...)}, making no shape object when a view of it exists. */
    public Tensor acquireBatch(Backend backend, int n, Shape sample, DType dtype) {
        return lend(backend, Math.multiplyExact((long) n, sample.size()), null, n, sample, dtype);
    }

    private Tensor lend(Backend backend, long size, Shape shape, int n, Shape sample, DType dtype) {
        Entry best = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.references == 0 && e.capacity >= size && e.owner.dtype() == dtype && e.owner.backend() == backend
                    && (best == null || e.capacity < best.capacity)) {
                best = e;
            }
        }
        if (best == null) {
            best = new Entry(backend.allocate(shape != null ? shape : AbstractLayer.batched(n, sample), dtype));
            entries.add(best);
        }
        best.references = 1;
        lentToNode.add(best);
        return best.view(shape, n, sample);
    }

    /** One more holder of {@code t}'s buffer; nothing when it is not from this pool. */
    public void retain(Tensor t) {
        Entry e = entryOf(t);
        if (e != null) e.references++;
    }

    /** One holder fewer of {@code t}'s buffer; nothing when it is not from this pool. */
    public void release(Tensor t) {
        Entry e = entryOf(t);
        if (e != null) drop(e);
    }

    /** Whether {@code t}'s buffer is from this pool and has exactly one holder, so that holder may write it in place. */
    public boolean exclusive(Tensor t) {
        Entry e = entryOf(t);
        return e != null && e.references == 1;
    }

    /** Drops the references {@link #acquire} lent to the node that just ran: its scratch buffers are free again. */
    public void endNode() {
        for (int i = 0; i < lentToNode.size(); i++) drop(lentToNode.get(i));
        lentToNode.clear();
    }

    /** Frees every buffer for a new pass (the tensors handed out before must no longer be used). */
    public void reset() {
        for (int i = 0; i < entries.size(); i++) entries.get(i).references = 0;
        lentToNode.clear();
    }

    /** Number of buffers allocated so far. */
    public int buffers() { return entries.size(); }

    /** Elements in all buffers allocated so far. */
    public long allocatedElements() {
        long n = 0;
        for (Entry e : entries) n += e.capacity;
        return n;
    }

    private void drop(Entry e) {
        if (e.references <= 0) throw new IllegalStateException("gradient buffer " + e.owner.shape() + " released more often than retained");
        if (reuse) e.references--;
    }

    private Entry entryOf(Tensor t) {
        if (t == null) return null;
        for (int i = 0; i < entries.size(); i++) if (entries.get(i).owner.buffer() == t.buffer()) return entries.get(i);
        return null;
    }

    /** Frees every buffer. */
    @Override public void close() {
        for (Entry e : entries) e.owner.close();
        entries.clear();
        lentToNode.clear();
    }
}
