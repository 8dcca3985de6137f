package io.github.convnet4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The tiled GEMM at sizes that land on, just past and well past tile edges (1, 7, 33, 130, 257
 * against tiles of 4..64), with every transpose combination, against a float64 host product.
 */
class GemmTilingTest {
    private static final int[] SIZES = {1, 7, 33, 130, 257};

    @TestFactory
    List<DynamicTest> everySizeAndTranspose() {
        OpenClBackend b = SharedOpenCl.backend();
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean ta : new boolean[] {false, true})
            for (boolean tb : new boolean[] {false, true})
                tests.add(DynamicTest.dynamicTest("transA=" + ta + " transB=" + tb, () -> {
                    long seed = 1;
                    for (int m : SIZES) for (int n : SIZES) for (int k : SIZES) check(b, ta, tb, m, n, k, 1.0, 0.0, seed++);
                }));
        return tests;
    }

    /** The fallback tiles other devices choose get the same edge cases (fewer, mixed sizes). */
    @TestFactory
    List<DynamicTest> everyCandidateTile() {
        OpenClBackend b = SharedOpenCl.backend();
        int[][] sizes = {{1, 1, 1}, {7, 33, 130}, {130, 7, 33}, {33, 130, 7}, {257, 1, 257}, {1, 257, 33}};
        List<DynamicTest> tests = new ArrayList<>();
        for (GemmTile tile : GemmKernel.CANDIDATES) {
            tests.add(DynamicTest.dynamicTest(tile.toString(), () -> {
                GemmVariant g = GemmVariant.build(b, tile);
                org.junit.jupiter.api.Assumptions.assumeTrue(g != null, tile + " does not fit this device");
                long seed = 100;
                for (int[] s : sizes)
                    for (boolean ta : new boolean[] {false, true})
                        for (boolean tb : new boolean[] {false, true}) check(b, g, ta, tb, s[0], s[1], s[2], 0.5, 2.0, seed++);
            }));
        }
        return tests;
    }

    @Test
    void alphaAndBetaScaleAndAccumulate() {
        OpenClBackend b = SharedOpenCl.backend();
        check(b, false, false, 33, 7, 130, 1.5, 0.5, 11);
        check(b, true, true, 130, 33, 7, -2.0, 1.0, 12);
        check(b, true, false, 7, 257, 33, 0.25, -3.0, 13);
    }

    /** Small outputs with a long inner dimension (filter gradients) are cut into K slices and summed. */
    @Test
    void splitKForSmallOutputsWithLongInnerDimension() {
        OpenClBackend b = SharedOpenCl.backend();
        int[][] sizes = {{7, 9, 5000}, {1, 1, 20000}, {33, 7, 4097}, {64, 288, 7744}};
        long seed = 200;
        for (int[] s : sizes) {
            GemmVariant g = b.gemmKernel().variantFor(s[0], s[1], s[2]);
            long tiles = (long) ((s[0] + g.tile().tsM() - 1) / g.tile().tsM()) * ((s[1] + g.tile().tsN() - 1) / g.tile().tsN());
            if (tiles < 4L * b.device().computeUnits()) {
                assertEquals(true, g.splitsFor(tiles, s[2]) > 1, "(" + s[0] + ", " + s[1] + ", " + s[2] + ") should be split");
            }
            check(b, false, true, s[0], s[1], s[2], 1.0, 0.0, seed++);
            check(b, true, false, s[0], s[1], s[2], -0.5, 2.0, seed++);
        }
    }

    @Test
    void betaZeroIgnoresNanInC() {
        OpenClBackend b = SharedOpenCl.backend();
        float[] nan = new float[7 * 9];
        Arrays.fill(nan, Float.NaN);
        try (Tensor a = HostData.upload(b, Shape.of(7, 5), HostData.uniform(1, 35));
             Tensor bb = HostData.upload(b, Shape.of(5, 9), HostData.uniform(2, 45));
             Tensor c = HostData.upload(b, Shape.of(7, 9), nan)) {
            b.gemm().gemm(false, false, 1, a, bb, 0, c);
            for (float v : HostData.download(b, c)) assertEquals(false, Float.isNaN(v), "beta 0 must not read C");
        }
    }

    @Test
    void tileFitsTheDeviceLimits() {
        OpenClBackend b = SharedOpenCl.backend();
        GemmTile t = b.gemmKernel().tile();
        ClDevice d = b.device();
        assertEquals(true, t.groupSize() <= d.maxWorkGroupSize(), t + " vs max work-group " + d.maxWorkGroupSize());
        assertEquals(true, t.localBytes() <= d.localMemory(), t + " vs local memory " + d.localMemory());
        if (t.tsM() >= 64) {
            // A first convolution layer (32 filters, K = 9) fills under a third of a 64x64x16 tile.
            GemmTile chosen = b.gemmKernel().variantFor(32, 43264, 9).tile();
            assertEquals(true, chosen.tsM() <= 32, "small products take the small tile, got " + chosen);
            assertEquals(t, b.gemmKernel().variantFor(256, 256, 256).tile(), "large products take the large tile");
        }
    }

    private static void check(OpenClBackend b, boolean ta, boolean tb, int m, int n, int k, double alpha, double beta, long seed) {
        check(b, null, ta, tb, m, n, k, alpha, beta, seed);
    }

    /** With {@code g} null through the public GemmOps, else straight through that kernel. */
    private static void check(OpenClBackend b, GemmVariant g, boolean ta, boolean tb, int m, int n, int k, double alpha, double beta, long seed) {
        float[] av = HostData.uniform(seed * 3, m * k), bv = HostData.uniform(seed * 3 + 1, k * n), cv = HostData.uniform(seed * 3 + 2, m * n);
        Shape as = ta ? Shape.of(k, m) : Shape.of(m, k), bs = tb ? Shape.of(n, k) : Shape.of(k, n);
        double[] ref = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? av[p * m + i] : av[i * k + p];
                    double y = tb ? bv[j * k + p] : bv[p * n + j];
                    s += x * y;
                }
                ref[i * n + j] = alpha * s + beta * cv[i * n + j];
            }
        try (Tensor a = HostData.upload(b, as, av); Tensor bb = HostData.upload(b, bs, bv); Tensor c = HostData.upload(b, Shape.of(m, n), cv)) {
            if (g == null) {
                b.gemm().gemm(ta, tb, alpha, a, bb, beta, c);
            } else {
                g.run(ta, tb, m, n, k, alpha, (ClBuffer) a.buffer(), 0, as.dim(1), 0, (ClBuffer) bb.buffer(), 0, bs.dim(1), 0,
                        beta, (ClBuffer) c.buffer(), 0, n, 0, 1);
            }
            Tolerance tol = Tolerance.f32Sum(k, Math.abs(alpha)).plus(Tolerance.f32Elementwise().forValuesScaledBy(1 + Math.abs(beta)));
            tol.assertClose((g == null ? "gemm" : "gemm " + g.tile()) + " transA=" + ta + " transB=" + tb + " M=" + m + " N=" + n + " K=" + k, ref, HostData.download(b, c), Shape.of(m, n));
        }
    }
}
