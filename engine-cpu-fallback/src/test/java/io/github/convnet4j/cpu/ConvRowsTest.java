package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link ConvRows} (pixels along the lanes) gives the same bits as the gather path of
 * {@link ConvImplicit} for forward (with bias) and stride-1 backward data, on shapes that tile it:
 * a reduction of several {@link GatherGemm} blocks, padding, a vertical stride of 2, 2 threads, and
 * channel counts with and without a last, partial channel tile ({@link RowKernel#tail}).
 */
class ConvRowsTest {
    private static final int[][] SHAPES = {
        // n, c, h, w, k, r, s, strideH, pad
        {3, 16, 6, 32, 8, 3, 3, 1, 1},
        {2, 64, 4, 16, 16, 3, 3, 1, 1},   // C*R*S = 576: two inner blocks
        {2, 8, 11, 16, 16, 3, 3, 2, 1},    // vertical stride 2 (forward only: backward data needs stride 1)
        {2, 16, 6, 18, 8, 3, 3, 1, 0},    // valid convolution: 4 x 16 output
        {2, 18, 4, 16, 12, 3, 3, 1, 1},   // channel counts that are whole tiles of every kernel's rows
        {2, 16, 4, 16, 2, 3, 3, 1, 1},    // 2 output channels: a 2-row tail tile on 256-bit vectors
        {2, 32, 4, 16, 14, 3, 3, 1, 1},   // 14 = 6 + 4 + 4 on 256-bit vectors
        {2, 3, 4, 16, 8, 3, 3, 1, 1},     // C*R*S = 27 (a first layer)
    };

    @Test
    void rowsMatchTheGatherPathBitForBit() {
        RowKernel rk = ConvRows.kernel();
        if (rk == null) return; // no Vector API here: only the gather path exists
        CpuThreads threads = CpuThreads.create(2);
        ConvImplicit withRows = new ConvImplicit(threads, new Workspaces(2), rk);
        ConvImplicit gather = new ConvImplicit(threads, new Workspaces(2), null);
        Random rng = new Random(5);
        int checked = 0;
        for (int[] d : SHAPES) {
            int n = d[0], c = d[1], h = d[2], w = d[3], k = d[4], r = d[5], s = d[6], sh = d[7], pad = d[8];
            int p = (h + 2 * pad - r) / sh + 1;
            int q = w + 2 * pad - s + 1;
            ConvGeometry g = new ConvGeometry(n, c, h, w, k, r, s, p, q, sh, 1, pad, pad, 1, 1);
            float[] x = random(rng, n * c * h * w);
            float[] f = random(rng, k * c * r * s);
            float[] bias = random(rng, k);
            assertTrue(ConvRows.fits(rk, k, p, q), "shape " + g + " tiles the row kernel");
            float[] y1 = new float[n * k * p * q];
            float[] y2 = new float[n * k * p * q];
            withRows.forward(g, x, f, bias, false, y1);
            gather.forward(g, x, f, bias, false, y2);
            same("forward " + g, y1, y2);
            checked++;
            if (sh == 1 && ConvImplicit.fullConvolutionApplies(g) && ConvRows.fits(rk, c, h, w)) {
                float[] dy = random(rng, n * k * p * q);
                float[] dx1 = new float[n * c * h * w];
                float[] dx2 = new float[n * c * h * w];
                withRows.backwardData(g, dy, null, f, dx1);
                gather.backwardData(g, dy, null, f, dx2);
                same("backward data " + g, dx1, dx2);
                checked++;
            }
        }
        assertTrue(checked >= 6, "forward and backward data both covered, got " + checked);
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
