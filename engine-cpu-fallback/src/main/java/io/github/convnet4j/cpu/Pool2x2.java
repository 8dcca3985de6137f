package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.PoolParams;

/**
 * The 2x2, stride 2, unpadded pooling of most CNNs, on one plane {@code (H, W)} into
 * {@code (H/2, W/2)} (an odd last row or column is dropped). Same arithmetic as the general loops
 * of {@link PoolFast}: the max keeps the first of equal values in row-major order, the average sums
 * in row-major order and divides by 4. Written out because the general loops, with their clipping
 * and window bounds per output, took about 20 ns per output on keras-mnist's first pooling.
 */
final class Pool2x2 implements PlanePooling {
    /** The Vector API version when usable, else this scalar one. */
    static PlanePooling best() { return MicroKernels.pool2x2(); }

    /** Whether {@code g} is the case this class handles. */
    static boolean applies(PoolGeometry g) {
        PoolParams p = g.params();
        return p.windowH() == 2 && p.windowW() == 2 && p.strideH() == 2 && p.strideW() == 2
                && p.padTop() == 0 && p.padLeft() == 0 && g.p() == g.h() / 2 && g.q() == g.w() / 2;
    }

    @Override public void forwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] y) {
        for (int plane = lo; plane < hi; plane++) forwardPlane(g, plane, x, y);
    }

    @Override public void backwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] dy, float[] dx) {
        for (int plane = lo; plane < hi; plane++) backwardPlane(g, plane, x, dy, dx);
    }

    void forwardPlane(PoolGeometry g, int plane, float[] x, float[] y) {
        int w = g.w();
        int pCount = g.p();
        int qCount = g.q();
        int xBase = plane * g.h() * w;
        int yBase = plane * pCount * qCount;
        boolean max = g.max();
        for (int p = 0; p < pCount; p++) {
            int r0 = xBase + 2 * p * w;
            int r1 = r0 + w;
            int out = yBase + p * qCount;
            if (max) {
                for (int q = 0; q < qCount; q++) {
                    int j = 2 * q;
                    y[out + q] = max4(x[r0 + j], x[r0 + j + 1], x[r1 + j], x[r1 + j + 1]);
                }
            } else {
                for (int q = 0; q < qCount; q++) {
                    int j = 2 * q;
                    float sum = 0f;
                    sum += x[r0 + j];
                    sum += x[r0 + j + 1];
                    sum += x[r1 + j];
                    sum += x[r1 + j + 1];
                    y[out + q] = sum / 4;
                }
            }
        }
    }

    /**
     * Writes every element of the plane's dx once: the gradient share where a window routes it, 0
     * elsewhere (windows do not overlap, so no clearing pass is needed). {@code 0f + d} keeps the
     * sign of zero the accumulating general loops give.
     */
    void backwardPlane(PoolGeometry g, int plane, float[] x, float[] dy, float[] dx) {
        int h = g.h();
        int w = g.w();
        int pCount = g.p();
        int qCount = g.q();
        int xBase = plane * h * w;
        int yBase = plane * pCount * qCount;
        boolean max = g.max();
        for (int p = 0; p < pCount; p++) {
            int r0 = xBase + 2 * p * w;
            int r1 = r0 + w;
            int in = yBase + p * qCount;
            for (int q = 0; q < qCount; q++) {
                int j = 2 * q;
                float d = 0f + dy[in + q];
                if (max) {
                    int arg = argMax4(x[r0 + j], x[r0 + j + 1], x[r1 + j], x[r1 + j + 1]);
                    // Int selects again: a float select would be a branch.
                    int bits = Float.floatToRawIntBits(d);
                    dx[r0 + j] = Float.intBitsToFloat(arg == 0 ? bits : 0);
                    dx[r0 + j + 1] = Float.intBitsToFloat(arg == 1 ? bits : 0);
                    dx[r1 + j] = Float.intBitsToFloat(arg == 2 ? bits : 0);
                    dx[r1 + j + 1] = Float.intBitsToFloat(arg == 3 ? bits : 0);
                } else {
                    float share = 0f + (dy[in + q] / 4);
                    dx[r0 + j] = share;
                    dx[r0 + j + 1] = share;
                    dx[r1 + j] = share;
                    dx[r1 + j + 1] = share;
                }
            }
            if ((w & 1) != 0) {
                dx[r0 + w - 1] = 0f;
                dx[r1 + w - 1] = 0f;
            }
        }
        if ((h & 1) != 0) java.util.Arrays.fill(dx, xBase + (h - 1) * w, xBase + h * w, 0f);
    }

    /**
     * {@code best = a; if (b > best) best = b; ...} without branches: the comparisons pick int bit
     * patterns, which C2 turns into conditional moves (it emits a jump for a float select), and
     * pooled ReLU outputs make these branches unpredictable (about 40% slower with branches).
     */
    static float max4(float a, float b, float c, float d) {
        int bits = b > a ? Float.floatToRawIntBits(b) : Float.floatToRawIntBits(a);
        float best = Float.intBitsToFloat(bits);
        bits = c > best ? Float.floatToRawIntBits(c) : bits;
        best = Float.intBitsToFloat(bits);
        bits = d > best ? Float.floatToRawIntBits(d) : bits;
        return Float.intBitsToFloat(bits);
    }

    /** Index (0..3) of the first maximum of a, b, c, d in that order, as {@link #max4} chooses it. */
    static int argMax4(float a, float b, float c, float d) {
        boolean bWins = b > a;
        int arg = bWins ? 1 : 0;
        float best = Float.intBitsToFloat(bWins ? Float.floatToRawIntBits(b) : Float.floatToRawIntBits(a));
        boolean cWins = c > best;
        arg = cWins ? 2 : arg;
        best = Float.intBitsToFloat(cWins ? Float.floatToRawIntBits(c) : Float.floatToRawIntBits(best));
        return d > best ? 3 : arg;
    }
}
