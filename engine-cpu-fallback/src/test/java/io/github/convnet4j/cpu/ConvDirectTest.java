package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link VectorConvDirect} gives the bits of {@link ConvFast} (im2col and GEMM), which it replaces for
 * short stride-1 reductions: with and without padding (padding taps read the border's zeros, as
 * im2col's zeros, which turns a -0 sum into +0 the same way), bias and fused ReLU in every
 * combination, filter counts with and without a last partial block of eight, rows of exactly a
 * vector and rows that end in a shifted vector, and inputs full of signed zeros.
 */
class ConvDirectTest {
    private static final int[][] GEOMETRIES = {
        // n, c, h, w, k, r, s, pad
        {3, 1, 28, 28, 32, 3, 3, 0},   // keras-mnist's first layer
        {2, 3, 12, 21, 13, 3, 3, 1},   // 13 filters: a block of 8 and 5 single ones
        {2, 2, 9, 30, 8, 5, 3, 2},
        {1, 1, 7, 40, 3, 5, 5, 0},     // LeNet's 5x5
        {2, 3, 6, 17, 9, 1, 3, 1},
        {2, 1, 5, 17, 16, 2, 2, 0},    // rows of 16: exactly one 512-bit vector
        {1, 2, 4, 35, 1, 3, 3, 1},
    };

    @Test
    void directGivesTheBitsOfIm2colAndGemm() {
        assumeTrue(MicroKernels.vectorBits() != 0, "no Vector API at this width: ConvFast runs these shapes");
        CpuThreads threads = CpuThreads.create(2);
        Workspaces workspaces = new Workspaces(2);
        ConvFast fast = new ConvFast(threads, new Workspaces(2), new Sgemm(threads, new Workspaces(2), MicroKernels.best()));
        ConvImplicit implicit = new ConvImplicit(threads, workspaces);
        Random rng = new Random(9);
        int cases = 0;
        for (int[] d : GEOMETRIES) {
            int n = d[0], c = d[1], h = d[2], w = d[3], k = d[4], r = d[5], s = d[6], pad = d[7];
            int p = h + 2 * pad - r + 1;
            int q = w + 2 * pad - s + 1;
            ConvGeometry g = new ConvGeometry(n, c, h, w, k, r, s, p, q, 1, 1, pad, pad, 1, 1);
            assertTrue(VectorConvDirect.applies(g), "shape " + g + " is one the direct kernel takes");
            float[] x = signedZeros(rng, n * c * h * w);
            float[] f = signedZeros(rng, k * c * r * s);
            float[] bias = signedZeros(rng, k);
            for (boolean withBias : new boolean[] {false, true}) {
                for (boolean relu : new boolean[] {false, true}) {
                    float[] b = withBias ? bias : null;
                    float[] expected = new float[n * k * p * q];
                    float[] actual = new float[n * k * p * q];
                    java.util.Arrays.fill(actual, Float.NaN);
                    fast.forward(g, x, f, b, relu, expected);
                    implicit.forwardDirect(g, x, f, b, relu, actual);
                    assertBitIdentical("forward " + g + " bias " + withBias + " relu " + relu, expected, actual);
                    cases++;
                }
            }
        }
        assertEquals(4 * GEOMETRIES.length, cases);
    }

    /** Gaussian values with a third of them +0 or -0, so that sums of zero products of either sign are common. */
    private static float[] signedZeros(Random rng, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            int pick = rng.nextInt(6);
            v[i] = pick == 0 ? 0f : pick == 1 ? -0f : (float) rng.nextGaussian();
        }
        return v;
    }
}
