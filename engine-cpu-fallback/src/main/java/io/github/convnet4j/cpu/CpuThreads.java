package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed pool of daemon threads (one per available processor, the caller being worker 0) that runs
 * {@code tasks} indexed tasks. Tasks are claimed one at a time from a shared counter, so a worker
 * that the operating system has not scheduled yet (the machine is often shared) does not hold up
 * the others: whoever runs takes the next task. Which worker runs a task must therefore never
 * change its result; the ops use the worker index only to pick a scratch workspace, and every
 * output element is computed by one task with arithmetic that depends on the shapes alone, so
 * results are bit-identical run to run and for any thread count.
 *
 * <p>Between jobs the workers spin briefly before parking: the ops of a training step follow each
 * other within microseconds, and a park/unpark round trip costs tens of microseconds per op.
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

    /** Most tasks one job may have: the task count and next-task index share the state word. */
    static final int MAX_TASKS = (1 << 22) - 1;
    /** How long an idle worker spins on the job state before parking. */
    private static final long SPIN_NANOS = 100_000;

    private static volatile CpuThreads shared;

    private final int size;
    private final Worker[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Job generation (20 bits), task count (22 bits) and next unclaimed task (22 bits) in one word,
     * so a claim is one compare-and-set that fails whenever a new job has been published.
     */
    private final AtomicLong state = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Task job;
    private volatile Thread caller;
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

    /** A pool of its own with {@code size} workers (tests compare results across thread counts). */
    static CpuThreads create(int size) {
        return new CpuThreads(Math.max(1, Math.min(size, 256)));
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
            if (tasks > MAX_TASKS) throw new BackendException("cpu: " + tasks + " tasks in one job (at most " + MAX_TASKS + ")");
            job = body;
            failure = null;
            caller = Thread.currentThread();
            done.set(0);
            long generation = (state.get() >>> 44) + 1 & 0xFFFFF;
            long published = generation << 44 | (long) tasks << 22;
            state.set(published);
            for (Worker w : workers) {
                if (w.parked) LockSupport.unpark(w);
            }
            claimAndRun(published, body, 0);
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (done.get() != tasks) {
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            job = null;
            Throwable t = failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new BackendException("cpu: worker failed", t);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims and runs tasks of the job published as {@code published} until none is left or a newer
     * job replaced it. {@code body} was read after {@code published}; a claim can only succeed while
     * that job is unfinished, and the job field changes only once it is finished, so body is its body.
     */
    private void claimAndRun(long published, Task body, int worker) {
        long generation = published >>> 44;
        int tasks = (int) (published >>> 22) & MAX_TASKS;
        while (true) {
            long s = state.get();
            if (s >>> 44 != generation) return;
            int t = (int) s & MAX_TASKS;
            if (t >= tasks) return;
            if (!state.compareAndSet(s, s + 1)) continue;
            try {
                body.run(t, worker);
            } catch (Throwable e) {
                // Keep claiming: the caller waits for every task and then rethrows the failure.
                failure = e;
            }
            if (done.incrementAndGet() == tasks && worker != 0) LockSupport.unpark(caller);
        }
    }

    /**
     * Splits {@code [0, length)} into at most {@code 4*size()} contiguous ranges of at least
     * {@code grain} indices (one range when the work is small; several per worker so that a worker
     * the machine delays leaves less behind) and runs them; for element-wise work where each index is
     * written by exactly one range.
     */
    void forRange(int length, int grain, Range body) {
        int tasks = size == 1 ? 1 : (int) Math.max(1, Math.min(4L * size, (long) length / Math.max(1, grain)));
        if (tasks == 1) {
            body.run(0, length);
            return;
        }
        forEach(tasks, (t, w) -> body.run((int) ((long) t * length / tasks), (int) ((long) (t + 1) * length / tasks)));
    }

    private final class Worker extends Thread {
        final int index;

        Worker(int index) {
            super("convnet-cpu-" + index);
            this.index = index;
            setDaemon(true);
        }

        CpuThreads pool() { return CpuThreads.this; }

        /** True while parked or about to park, so the caller unparks only sleeping workers. */
        volatile boolean parked;

        @Override public void run() {
            long finished = state.get();
            while (true) {
                long s = state.get();
                if (s >>> 44 == finished >>> 44) {
                    idle(finished);
                    continue;
                }
                finished = s;
                claimAndRun(s, job, index);
            }
        }

        /** Spins, then parks, until a job newer than {@code finished} is published. */
        private void idle(long finished) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (state.get() >>> 44 == finished >>> 44) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (state.get() >>> 44 == finished >>> 44) LockSupport.park(this);
                parked = false;
            }
        }
    }
}
