package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pool2x2} on the backend's vector width ({@link MicroKernels#vectorBits}; one width only, see
 * there): a vector holds consecutive input columns of one row, two per window. Shuffles copy a
 * window's left (or right) element into both of its lanes, so every lane runs the scalar comparison
 * chain {@code best = a; if (b > best) best = b; ...} with masks and blends instead of branches,
 * which mispredicted on pooled ReLU outputs and cost about 7x. Both lanes of a window end with the
 * same result; a small scratch array turns pairs into outputs, and a shuffle spreads each gradient
 * over its pair (the pair loop of scratch stores took twice as long: 1.07 against 0.50 ms for
 * keras-mnist's first pooling backward, one thread). The last vector of a row is shifted left to end
 * at the last window; the windows it repeats get the same values again. Rows with fewer windows than
 * a vector holds run {@link GatherPool2x2}. Loaded only after {@link MicroKernels} has found the
 * Vector API.
 */
final class VectorPool2x2 implements PlanePooling {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(MicroKernels.vectorBits()));
    private static final int LANES = S.length();
    private static final int WINDOWS = LANES / 2;
    private static final VectorShuffle<Float> LEFT = VectorShuffle.fromOp(S, i -> i & ~1);
    private static final VectorShuffle<Float> RIGHT = VectorShuffle.fromOp(S, i -> i | 1);
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(S, 0x5555_5555_5555_5555L);
    /** Lane i takes lane i / 2: a window's gradient into both of its lanes. */
    private static final VectorShuffle<Float> PAIRS = VectorShuffle.fromOp(S, i -> i / 2);

    private final GatherPool2x2 shortRows = new GatherPool2x2();
    /** Each worker thread's pair scratch, kept: pooling runs every step on every worker. */
    private final ThreadLocal<float[]> pairScratch = ThreadLocal.withInitial(() -> new float[LANES]);

    @Override public void forwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] y) {
        if (g.q() < WINDOWS) {
            shortRows.forwardPlanes(g, lo, hi, x, y);
            return;
        }
        float[] pairs = pairScratch.get();
        for (int plane = lo; plane < hi; plane++) forwardPlane(g, plane, x, y, pairs);
    }

    @Override public void backwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] dy, float[] dx) {
        if (g.q() < WINDOWS) {
            shortRows.backwardPlanes(g, lo, hi, x, dy, dx);
            return;
        }
        float[] pairs = pairScratch.get();
        for (int plane = lo; plane < hi; plane++) backwardPlane(g, plane, x, dy, dx, pairs);
    }

    private static void forwardPlane(PoolGeometry g, int plane, float[] x, float[] y, float[] pairs) {
        int qCount = g.q();
        int w = g.w();
        int xBase = plane * g.h() * w;
        int yBase = plane * g.p() * qCount;
        boolean max = g.max();
        for (int p = 0; p < g.p(); p++) {
            int r0 = xBase + 2 * p * w;
            int r1 = r0 + w;
            int out = yBase + p * qCount;
            for (int q0 = 0; q0 < qCount; q0 += WINDOWS) {
                int q = Math.min(q0, qCount - WINDOWS);
                FloatVector v0 = FloatVector.fromArray(S, x, r0 + 2 * q);
                FloatVector v1 = FloatVector.fromArray(S, x, r1 + 2 * q);
                FloatVector a = v0.rearrange(LEFT);
                FloatVector b = v0.rearrange(RIGHT);
                FloatVector c = v1.rearrange(LEFT);
                FloatVector d = v1.rearrange(RIGHT);
                FloatVector result;
                if (max) {
                    FloatVector best = a.blend(b, b.compare(VectorOperators.GT, a));
                    best = best.blend(c, c.compare(VectorOperators.GT, best));
                    result = best.blend(d, d.compare(VectorOperators.GT, best));
                } else {
                    result = a.add(b).add(c).add(d).div(4f);
                }
                result.intoArray(pairs, 0);
                for (int i = 0; i < WINDOWS; i++) y[out + q + i] = pairs[2 * i];
            }
        }
    }

    private static void backwardPlane(PoolGeometry g, int plane, float[] x, float[] dy, float[] dx, float[] pairs) {
        int qCount = g.q();
        int h = g.h();
        int w = g.w();
        int xBase = plane * h * w;
        int yBase = plane * g.p() * qCount;
        boolean max = g.max();
        FloatVector zero = FloatVector.zero(S);
        for (int p = 0; p < g.p(); p++) {
            int r0 = xBase + 2 * p * w;
            int r1 = r0 + w;
            int in = yBase + p * qCount;
            for (int q0 = 0; q0 < qCount; q0 += WINDOWS) {
                int q = Math.min(q0, qCount - WINDOWS);
                int j = 2 * q;
                FloatVector spread;
                if (in + q + LANES <= dy.length) {
                    spread = FloatVector.fromArray(S, dy, in + q).rearrange(PAIRS);
                } else {
                    for (int i = 0; i < WINDOWS; i++) {
                        float d = dy[in + q + i];
                        pairs[2 * i] = d;
                        pairs[2 * i + 1] = d;
                    }
                    spread = FloatVector.fromArray(S, pairs, 0);
                }
                // Adding +0 turns a -0 gradient into +0, as accumulating onto a cleared dx does.
                FloatVector grad = spread.add(zero);
                if (!max) {
                    FloatVector share = grad.div(4f).add(zero);
                    share.intoArray(dx, r0 + j);
                    share.intoArray(dx, r1 + j);
                    continue;
                }
                FloatVector v0 = FloatVector.fromArray(S, x, r0 + j);
                FloatVector v1 = FloatVector.fromArray(S, x, r1 + j);
                FloatVector a = v0.rearrange(LEFT);
                FloatVector b = v0.rearrange(RIGHT);
                FloatVector c = v1.rearrange(LEFT);
                FloatVector d = v1.rearrange(RIGHT);
                VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
                FloatVector best = a.blend(b, bWins);
                VectorMask<Float> cWins = c.compare(VectorOperators.GT, best);
                best = best.blend(c, cWins);
                VectorMask<Float> dWins = d.compare(VectorOperators.GT, best);
                VectorMask<Float> cOrD = cWins.or(dWins);
                // Row 0: even lanes hold a's outcome, odd lanes b's; row 1 likewise c and d.
                VectorMask<Float> top = bWins.or(cOrD).not().and(EVEN).or(bWins.andNot(cOrD).andNot(EVEN));
                VectorMask<Float> bottom = cWins.andNot(dWins).and(EVEN).or(dWins.andNot(EVEN));
                zero.blend(grad, top).intoArray(dx, r0 + j);
                zero.blend(grad, bottom).intoArray(dx, r1 + j);
            }
            if ((w & 1) != 0) {
                dx[r0 + w - 1] = 0f;
                dx[r1 + w - 1] = 0f;
            }
        }
        if ((h & 1) != 0) java.util.Arrays.fill(dx, xBase + (h - 1) * w, xBase + h * w, 0f);
    }
}
