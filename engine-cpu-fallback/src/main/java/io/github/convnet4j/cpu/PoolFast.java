package io.github.convnet4j.cpu;

import java.util.Arrays;

/**
 * F32 pooling: the same windows as {@link PoolReference} with the window clipped to the input up
 * front instead of testing every tap, and the N*C planes split statically over the workers (each
 * plane's gradient is written by one worker only, so the result does not depend on timing).
 */
final class PoolFast {
    private static final int MIN_ELEMENTS_PER_TASK = 1 << 14;

    private final CpuThreads threads;

    PoolFast(CpuThreads threads) {
        this.threads = threads;
    }

    void forward(PoolGeometry g, float[] x, float[] y) {
        eachPlaneRange(g, (lo, hi) -> {
            for (int plane = lo; plane < hi; plane++) forwardPlane(g, plane, x, y);
        });
    }

    void backward(PoolGeometry g, float[] x, float[] dy, float[] dx) {
        eachPlaneRange(g, (lo, hi) -> {
            for (int plane = lo; plane < hi; plane++) backwardPlane(g, plane, x, dy, dx);
        });
    }

    private interface PlaneRange {
        void run(int lo, int hi);
    }

    private void eachPlaneRange(PoolGeometry g, PlaneRange body) {
        long perPlane = (long) g.h() * g.w();
        int tasks = (int) Math.max(1, Math.min(threads.size(), g.planes() * perPlane / MIN_ELEMENTS_PER_TASK));
        tasks = Math.min(tasks, g.planes());
        int count = tasks;
        threads.forEach(count, (t, worker) -> body.run((int) ((long) t * g.planes() / count), (int) ((long) (t + 1) * g.planes() / count)));
    }

    private static void forwardPlane(PoolGeometry g, int plane, float[] x, float[] y) {
        int xBase = plane * g.h() * g.w();
        int yBase = plane * g.p() * g.q();
        boolean max = g.max();
        for (int p = 0; p < g.p(); p++) {
            int i0 = Math.max(0, g.rowStart(p));
            int i1 = Math.min(g.h(), g.rowStart(p) + g.params().windowH());
            for (int q = 0; q < g.q(); q++) {
                int j0 = Math.max(0, g.colStart(q));
                int j1 = Math.min(g.w(), g.colStart(q) + g.params().windowW());
                float result;
                if (max) {
                    float best = x[xBase + i0 * g.w() + j0];
                    for (int i = i0; i < i1; i++) {
                        int row = xBase + i * g.w();
                        for (int j = j0; j < j1; j++) if (x[row + j] > best) best = x[row + j];
                    }
                    result = best;
                } else {
                    float sum = 0f;
                    for (int i = i0; i < i1; i++) {
                        int row = xBase + i * g.w();
                        for (int j = j0; j < j1; j++) sum += x[row + j];
                    }
                    result = sum / ((i1 - i0) * (j1 - j0));
                }
                y[yBase + p * g.q() + q] = result;
            }
        }
    }

    private static void backwardPlane(PoolGeometry g, int plane, float[] x, float[] dy, float[] dx) {
        int xBase = plane * g.h() * g.w();
        int yBase = plane * g.p() * g.q();
        Arrays.fill(dx, xBase, xBase + g.h() * g.w(), 0f);
        boolean max = g.max();
        for (int p = 0; p < g.p(); p++) {
            int i0 = Math.max(0, g.rowStart(p));
            int i1 = Math.min(g.h(), g.rowStart(p) + g.params().windowH());
            for (int q = 0; q < g.q(); q++) {
                int j0 = Math.max(0, g.colStart(q));
                int j1 = Math.min(g.w(), g.colStart(q) + g.params().windowW());
                float d = dy[yBase + p * g.q() + q];
                if (max) {
                    int arg = xBase + i0 * g.w() + j0;
                    float best = x[arg];
                    for (int i = i0; i < i1; i++) {
                        int row = xBase + i * g.w();
                        for (int j = j0; j < j1; j++) {
                            if (x[row + j] > best) {
                                best = x[row + j];
                                arg = row + j;
                            }
                        }
                    }
                    dx[arg] += d;
                } else {
                    float share = d / ((i1 - i0) * (j1 - j0));
                    for (int i = i0; i < i1; i++) {
                        int row = xBase + i * g.w();
                        for (int j = j0; j < j1; j++) dx[row + j] += share;
                    }
                }
            }
        }
    }
}
