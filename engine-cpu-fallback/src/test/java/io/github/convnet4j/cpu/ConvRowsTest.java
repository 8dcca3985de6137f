package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ConvRows} (pixels along the lanes) gives the same bits as the gather path of
 * {@link ConvImplicit} for forward (with bias) and stride-1 backward data, on shapes that tile it:
 * a reduction of several {@link GatherGemm} blocks, padding, a vertical stride of 2, 2 threads, and
 * channel counts with and without a last, partial channel tile ({@link RowKernel#tail}).
 *
 * <p>The row kernel is the one of this JVM's vector width (the build runs this module's tests at
 * every width the machine has: see engine-cpu-fallback/pom.xml), so the output channel counts are
 * derived from the kernel's tile: one tile, two tiles, and a tile plus each tail it has.
 */
class ConvRowsTest {
    private static final int[][] GEOMETRIES = {
        // n, c, h, w, r, s, strideH, pad
        {3, 16, 6, 32, 3, 3, 1, 1},
        {2, 64, 4, 16, 3, 3, 1, 1},   // C*R*S = 576: two inner blocks
        {2, 8, 11, 16, 3, 3, 2, 1},   // vertical stride 2 (forward only: backward data needs stride 1)
        {2, 16, 6, 18, 3, 3, 1, 0},   // valid convolution: 4 x 16 output
        {2, 18, 4, 16, 3, 3, 1, 1},
        {2, 32, 4, 16, 3, 3, 1, 1},
        {2, 3, 4, 16, 3, 3, 1, 1},    // C*R*S = 27 (a first layer)
    };

    @Test
    void rowsMatchTheGatherPathBitForBit() {
        RowKernel rk = ConvRows.kernel();
        assumeTrue(rk != null, "no row kernel at this vector width (" + MicroKernels.vectorStatus()
                + ", convnet.cpu.vectorBits=" + System.getProperty("convnet.cpu.vectorBits") + "): only the gather path exists");
        CpuThreads threads = CpuThreads.create(2);
        ConvImplicit withRows = new ConvImplicit(threads, new Workspaces(2), rk);
        ConvImplicit gather = new ConvImplicit(threads, new Workspaces(2), null);
        Random rng = new Random(5);
        List<Integer> outputChannels = channelCounts(rk);
        int forward = 0;
        int backward = 0;
        for (int[] d : GEOMETRIES) {
            for (int k : outputChannels) {
                int n = d[0], c = d[1], h = d[2], w = d[3], r = d[4], s = d[5], sh = d[6], pad = d[7];
                int p = (h + 2 * pad - r) / sh + 1;
                int q = w + 2 * pad - s + 1;
                ConvGeometry g = new ConvGeometry(n, c, h, w, k, r, s, p, q, sh, 1, pad, pad, 1, 1);
                float[] x = random(rng, n * c * h * w);
                float[] f = random(rng, k * c * r * s);
                float[] bias = random(rng, k);
                assertTrue(ConvRows.fits(rk, k, p, q), "shape " + g + " tiles the row kernel " + rk.getClass().getSimpleName());
                float[] y1 = new float[n * k * p * q];
                float[] y2 = new float[n * k * p * q];
                withRows.forward(g, x, f, bias, false, y1);
                gather.forward(g, x, f, bias, false, y2);
                same("forward " + g, y1, y2);
                forward++;
                if (sh == 1 && ConvImplicit.fullConvolutionApplies(g) && ConvRows.fits(rk, c, h, w)) {
                    float[] dy = random(rng, n * k * p * q);
                    float[] dx1 = new float[n * c * h * w];
                    float[] dx2 = new float[n * c * h * w];
                    withRows.backwardData(g, dy, null, f, dx1);
                    gather.backwardData(g, dy, null, f, dx2);
                    same("backward data " + g, dx1, dx2);
                    backward++;
                }
            }
        }
        assertEquals(GEOMETRIES.length * outputChannels.size(), forward, "every geometry ran forward at every channel count");
        assertTrue(backward >= 3 * outputChannels.size(), "backward data covered at several input channel counts, got " + backward);
    }

    /** One tile of channels, two tiles, and one tile plus each tail the kernel has (6 + 4 + 4 on 256-bit vectors included). */
    private static List<Integer> channelCounts(RowKernel rk) {
        int mr = rk.mr();
        List<Integer> counts = new ArrayList<>(List.of(mr, 2 * mr));
        for (int rows = 1; rows < mr; rows++) {
            if (rk.tail(rows) != null) counts.add(mr + rows);
        }
        if (rk.tail(4) != null && (8 % mr == 0 || rk.tail(8 % mr) != null)) counts.add(mr + 8);
        return counts;
    }

    private static float[] random(Random rng, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    private static void same(String what, float[] a, float[] b) {
        assertNotNull(a);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                fail(what + ": differs at " + i + ": " + a[i] + " vs " + b[i]);
            }
        }
    }
}
