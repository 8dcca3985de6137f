package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pool2x2} on the backend's vector width ({@link MicroKernels#vectorBits}), a vector of
 * windows at a time in the plane's output order, whatever the plane's width: a window's four
 * values come from four gathers through one table of window corners, so rows shorter than a vector
 * (keras-mnist's second pooling has 5 windows a row, vgg-small's last 4) vectorize like long ones,
 * and no lanes are spent on duplicates. Each lane runs the scalar comparison chain
 * {@code best = a; if (b > best) best = b; ...} with masks and blends.
 *
 * <p>The backward pass first routes each window's gradient to its four positions (four contiguous
 * vectors per vector of windows: the gradient where that position won, else 0), then writes the
 * plane's dx in order with one gather per vector from those routes; the dropped last row or column
 * of an odd plane gathers a zero. No scatter: AVX2 has none.
 *
 * <p>A plane with fewer windows than a vector holds runs the scalar code; the last vector of a plane
 * is shifted back to end at its last window, recomputing a few windows with the same values. The
 * index tables are made once per plane geometry and kept (a handful of geometries per network).
 * Loaded only after {@link MicroKernels} has found the Vector API.
 */
final class GatherPool2x2 implements PlanePooling {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(MicroKernels.vectorBits()));
    private static final int LANES = S.length();

    private final Pool2x2 scalar = new Pool2x2();
    private final PoolTables tables = new PoolTables();
    /** Each worker thread's routed gradients, grown to the largest plane seen. */
    private final ThreadLocal<float[][]> routes = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override public void forwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] y) {
        int windows = g.p() * g.q();
        if (windows < LANES) {
            scalar.forwardPlanes(g, lo, hi, x, y);
            return;
        }
        PoolTables.Entry t = tables.of(g);
        for (int plane = lo; plane < hi; plane++) forwardPlane(g, t, plane, windows, x, y);
    }

    @Override public void backwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] dy, float[] dx) {
        int windows = g.p() * g.q();
        if (windows < LANES) {
            scalar.backwardPlanes(g, lo, hi, x, dy, dx);
            return;
        }
        PoolTables.Entry t = tables.of(g);
        float[][] holder = routes.get();
        if (holder[0].length < 4 * windows + 1) holder[0] = new float[4 * windows + 1];
        float[] route = holder[0];
        route[4 * windows] = 0f; // the dropped cells' value: routeWindows writes only [0, 4 * windows)
        int cells = g.h() * g.w();
        for (int plane = lo; plane < hi; plane++) {
            routeWindows(g, t, plane, windows, x, dy, route);
            spreadRoutes(t.source(), route, cells, dx, plane * cells);
        }
    }

    private static void forwardPlane(PoolGeometry g, PoolTables.Entry t, int plane, int windows, float[] x, float[] y) {
        int w = g.w();
        int xBase = plane * g.h() * w;
        int yBase = plane * windows;
        int[] corner = t.corner();
        boolean max = g.max();
        for (int o0 = 0; o0 < windows; o0 += LANES) {
            int o = Math.min(o0, windows - LANES);
            FloatVector a = FloatVector.fromArray(S, x, xBase, corner, o);
            FloatVector b = FloatVector.fromArray(S, x, xBase + 1, corner, o);
            FloatVector c = FloatVector.fromArray(S, x, xBase + w, corner, o);
            FloatVector d = FloatVector.fromArray(S, x, xBase + w + 1, corner, o);
            FloatVector result;
            if (max) {
                FloatVector best = a.blend(b, b.compare(VectorOperators.GT, a));
                best = best.blend(c, c.compare(VectorOperators.GT, best));
                result = best.blend(d, d.compare(VectorOperators.GT, best));
            } else {
                result = a.add(b).add(c).add(d).div(4f);
            }
            result.intoArray(y, yBase + o);
        }
    }

    /**
     * Writes route[pos * windows + o]: window o's gradient where position pos (0 top left, 1 top right, 2
     * bottom left, 3 bottom right) takes it, else 0.
     */
    private static void routeWindows(PoolGeometry g, PoolTables.Entry t, int plane, int windows, float[] x, float[] dy, float[] route) {
        int w = g.w();
        int xBase = plane * g.h() * w;
        int yBase = plane * windows;
        int[] corner = t.corner();
        FloatVector zero = FloatVector.zero(S);
        for (int o0 = 0; o0 < windows; o0 += LANES) {
            int o = Math.min(o0, windows - LANES);
            // Adding +0 turns a -0 gradient into +0, as accumulating onto a cleared dx does.
            FloatVector grad = FloatVector.fromArray(S, dy, yBase + o).add(zero);
            if (!g.max()) {
                FloatVector share = grad.div(4f).add(zero);
                for (int pos = 0; pos < 4; pos++) share.intoArray(route, pos * windows + o);
                continue;
            }
            FloatVector a = FloatVector.fromArray(S, x, xBase, corner, o);
            FloatVector b = FloatVector.fromArray(S, x, xBase + 1, corner, o);
            FloatVector c = FloatVector.fromArray(S, x, xBase + w, corner, o);
            FloatVector d = FloatVector.fromArray(S, x, xBase + w + 1, corner, o);
            VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
            FloatVector best = a.blend(b, bWins);
            VectorMask<Float> cWins = c.compare(VectorOperators.GT, best);
            best = best.blend(c, cWins);
            VectorMask<Float> dWins = d.compare(VectorOperators.GT, best);
            VectorMask<Float> cOrD = cWins.or(dWins);
            zero.blend(grad, bWins.or(cOrD).not()).intoArray(route, o);
            zero.blend(grad, bWins.andNot(cOrD)).intoArray(route, windows + o);
            zero.blend(grad, cWins.andNot(dWins)).intoArray(route, 2 * windows + o);
            zero.blend(grad, dWins).intoArray(route, 3 * windows + o);
        }
    }

    /**
     * A plane's dx in order from the routed gradients. Its own method: with the four gathers of
     * {@link #routeWindows} in the same compilation, C2 ran out of inlining budget before this one's
     * gather and left it to the Vector API's boxed fallback (ten times slower, garbage every step).
     */
    private static void spreadRoutes(int[] source, float[] route, int cells, float[] dx, int xBase) {
        int i = 0;
        for (; i <= cells - LANES; i += LANES) FloatVector.fromArray(S, route, 0, source, i).intoArray(dx, xBase + i);
        for (; i < cells; i++) dx[xBase + i] = route[source[i]];
    }
}
