package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.backend.ops.PoolParams.Mode;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 2x2 pooling kernels (scalar and, where the Vector API is present, the row and the gather
 * vector kernels) give the same bits as the general loops of {@link PoolFast}, including ties,
 * signed zeros and NaN, on planes with odd sizes, with fewer windows per row than a vector holds and
 * with fewer windows in all; a range of planes leaves the planes around it alone.
 */
class Pool2x2Test {
    private static final float[] VALUES = {0f, -0f, 1f, -1f, 2f, 0.5f, Float.NaN, 0f, 1f};

    @Test
    void kernelsMatchTheGeneralLoopsBitForBit() {
        PlanePooling[] kernels = kernels();
        int[][] sizes = {{26, 26}, {11, 11}, {7, 9}, {2, 2}, {4, 8}, {3, 17}, {9, 4}, {16, 30}, {6, 33}, {4, 32}, {5, 35},
            {8, 8}, {16, 16}, {10, 7}, {6, 6}, {9, 9}};
        Random rng = new Random(7);
        for (Mode mode : Mode.values()) {
            PoolParams params = new PoolParams(mode, 2, 2, 2, 2, 0, 0, 0, 0);
            for (int[] hw : sizes) {
                int planes = 3;
                PoolGeometry g = new PoolGeometry(params, planes, hw[0], hw[1], hw[0] / 2, hw[1] / 2);
                assertTrue(Pool2x2.applies(g));
                float[] x = new float[planes * hw[0] * hw[1]];
                // A small set of values makes ties, -0 against +0 and NaN in every position common.
                for (int i = 0; i < x.length; i++) x[i] = VALUES[rng.nextInt(VALUES.length)];
                float[] dy = new float[planes * g.p() * g.q()];
                for (int i = 0; i < dy.length; i++) dy[i] = i % 7 == 0 ? -0f : (float) rng.nextGaussian();
                float[] yRef = new float[dy.length];
                float[] dxRef = new float[x.length];
                java.util.Arrays.fill(dxRef, Float.NaN);
                for (int plane = 0; plane < planes; plane++) {
                    PoolFast.forwardPlane(g, plane, x, yRef);
                    PoolFast.backwardPlane(g, plane, x, dy, dxRef);
                }
                for (PlanePooling k : kernels) {
                    float[] y = new float[dy.length];
                    float[] dx = new float[x.length];
                    java.util.Arrays.fill(dx, 42f);
                    k.forwardPlanes(g, 0, planes, x, y);
                    k.backwardPlanes(g, 0, planes, x, dy, dx);
                    String what = k.getClass().getSimpleName() + " " + mode + " " + hw[0] + "x" + hw[1];
                    assertBitIdentical(what + " forward", yRef, y);
                    assertBitIdentical(what + " backward", dxRef, dx);
                }
            }
        }
    }

    @Test
    void aRangeOfPlanesWritesOnlyThosePlanes() {
        PoolParams params = new PoolParams(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0);
        Random rng = new Random(11);
        for (int[] hw : new int[][] {{26, 26}, {11, 11}, {8, 8}, {4, 4}, {9, 30}}) {
            int planes = 4;
            PoolGeometry g = new PoolGeometry(params, planes, hw[0], hw[1], hw[0] / 2, hw[1] / 2);
            int cells = hw[0] * hw[1];
            int windows = g.p() * g.q();
            float[] x = new float[planes * cells];
            for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
            float[] dy = new float[planes * windows];
            for (int i = 0; i < dy.length; i++) dy[i] = (float) rng.nextGaussian();
            for (PlanePooling k : kernels()) {
                float[] y = new float[dy.length];
                float[] dx = new float[x.length];
                java.util.Arrays.fill(y, 42f);
                java.util.Arrays.fill(dx, 42f);
                k.forwardPlanes(g, 1, 3, x, y);
                k.backwardPlanes(g, 1, 3, x, dy, dx);
                String what = k.getClass().getSimpleName() + " " + hw[0] + "x" + hw[1];
                for (int i = 0; i < y.length; i++) {
                    boolean inside = i >= windows && i < 3 * windows;
                    assertTrue(inside != (y[i] == 42f), what + " forward output " + i);
                }
                for (int i = 0; i < dx.length; i++) {
                    boolean inside = i >= cells && i < 3 * cells;
                    assertTrue(inside != (dx[i] == 42f), what + " gradient " + i);
                }
            }
        }
    }

    /** The scalar kernel, and with the Vector API the one {@link MicroKernels} picks and the gather kernel alone. */
    private static PlanePooling[] kernels() {
        if (MicroKernels.vectorBits() == 0) return new PlanePooling[] {new Pool2x2(), MicroKernels.pool2x2()};
        return new PlanePooling[] {new Pool2x2(), MicroKernels.pool2x2(), new GatherPool2x2()};
    }
}
