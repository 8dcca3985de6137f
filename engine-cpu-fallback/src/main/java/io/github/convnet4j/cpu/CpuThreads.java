package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed pool of daemon threads (one per available processor, the caller being worker 0) that
 * runs {@code tasks} indexed tasks with a static partition: worker w always gets the contiguous
 * range {@code [w*tasks/T, (w+1)*tasks/T)}. Nothing is handed out dynamically, so which worker
 * computes what never depends on timing; combined with ops whose per-element arithmetic does not
 * depend on the partition, results are bit-identical run to run.
 *
 * <p>A call made from inside a task (nested parallelism) or while another thread holds the pool runs
 * its tasks inline on the calling thread; the ops are written so that this gives the same bits.
 */
final class CpuThreads {
    /** One unit of work: task index and the worker slot (for per-worker workspaces). */
    @FunctionalInterface
    interface Task {
        void run(int task, int worker);
    }

    /** A half-open index range {@code [lo, hi)}. */
    @FunctionalInterface
    interface Range {
        void run(int lo, int hi);
    }

    private static volatile CpuThreads shared;

    private final int size;
    private final Worker[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile Thread caller;
    private Task job;
    private int jobTasks;
    private volatile Throwable failure;

    private CpuThreads(int size) {
        this.size = size;
        this.workers = new Worker[size - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /**
     * The JVM-wide pool: {@code -Dconvnet.cpu.threads=N} or the number of available processors.
     */
    static CpuThreads shared() {
        CpuThreads s = shared;
        if (s == null) {
            synchronized (CpuThreads.class) {
                s = shared;
                if (s == null) shared = s = new CpuThreads(configuredThreads());
            }
        }
        return s;
    }

    static int configuredThreads() {
        int n = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty("convnet.cpu.threads");
        if (p != null && !p.isBlank()) {
            try {
                n = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new BackendException("cpu: -Dconvnet.cpu.threads=" + p + " is not a number");
            }
        }
        return Math.max(1, Math.min(n, 256));
    }

    /** Number of workers, the caller included; worker slots run from 0 to size()-1. */
    int size() { return size; }

    /** The worker slot of the current thread: its index for a pool thread, 0 for any other. */
    int currentWorker() {
        return Thread.currentThread() instanceof Worker w && w.pool() == this ? w.index : 0;
    }

    /** Runs {@code body} for every task in {@code [0, tasks)} and returns when all are done. */
    void forEach(int tasks, Task body) {
        if (tasks <= 0) return;
        int me = currentWorker();
        if (tasks == 1 || size == 1 || me != 0 || lock.isHeldByCurrentThread() || !lock.tryLock()) {
            for (int t = 0; t < tasks; t++) body.run(t, me);
            return;
        }
        try {
            job = body;
            jobTasks = tasks;
            failure = null;
            caller = Thread.currentThread();
            pending.set(workers.length);
            generation = generation + 1;
            for (Worker w : workers) LockSupport.unpark(w);
            Throwable mine = null;
            try {
                runChunk(0);
            } catch (Throwable t) {
                mine = t;
            }
            while (pending.get() != 0) LockSupport.park(this);
            job = null;
            Throwable t = mine != null ? mine : failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new BackendException("cpu: worker failed", t);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Splits {@code [0, length)} into at most size() contiguous ranges of at least {@code grain}
     * indices (one range when the work is small) and runs them; for element-wise work where each
     * index is written by exactly one range.
     */
    void forRange(int length, int grain, Range body) {
        int tasks = (int) Math.max(1, Math.min(size, (long) length / Math.max(1, grain)));
        if (tasks == 1) {
            body.run(0, length);
            return;
        }
        forEach(tasks, (t, w) -> body.run((int) ((long) t * length / tasks), (int) ((long) (t + 1) * length / tasks)));
    }

    private void runChunk(int w) {
        long lo = (long) w * jobTasks / size;
        long hi = (long) (w + 1) * jobTasks / size;
        Task body = job;
        for (int t = (int) lo; t < hi; t++) body.run(t, w);
    }

    private final class Worker extends Thread {
        final int index;

        Worker(int index) {
            super("convnet-cpu-" + index);
            this.index = index;
            setDaemon(true);
        }

        CpuThreads pool() { return CpuThreads.this; }

        @Override public void run() {
            int seen = 0;
            while (true) {
                while (generation == seen) LockSupport.park(this);
                seen = generation;
                try {
                    runChunk(index);
                } catch (Throwable t) {
                    failure = t;
                }
                if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
            }
        }
    }
}
