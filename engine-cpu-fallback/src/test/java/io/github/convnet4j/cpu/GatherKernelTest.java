package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@link GatherKernel} (each vector width and the scalar one) gives the same bits through
 * {@link GatherGemm}, with an inner dimension cut into two blocks, partial tiles at both edges and
 * scattered row bases; and the result matches a product computed in double.
 */
class GatherKernelTest {
    @Test
    void everyKernelGivesTheSameBits() throws Exception {
        List<GatherKernel> kernels = new ArrayList<>();
        kernels.add(new ScalarGather());
        if (MicroKernels.vectorBits() != 0) {
            for (String name : new String[] {"VectorGather512x64", "VectorGather512x32", "VectorGather256x16"}) {
                kernels.add((GatherKernel) Class.forName("io.github.convnet4j.cpu." + name).getDeclaredConstructor().newInstance());
            }
        }
        Random rng = new Random(17);
        int m = 29;
        int n = 70;
        int t = 700;
        float[] src = new float[5000];
        for (int i = 0; i < src.length; i++) src[i] = (float) rng.nextGaussian();
        int[] rowBase = new int[m + 2 * ConvTables.PAD];
        for (int i = 0; i < rowBase.length; i++) rowBase[i] = rng.nextInt(1000);
        int[] colOff = new int[t];
        for (int i = 0; i < t; i++) colOff[i] = rng.nextInt(4000);
        float[] b = new float[t * n];
        for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextGaussian();
        assertTrue(GatherGemm.blocks(t) > 1, "the inner dimension spans several blocks");

        float[] first = null;
        for (GatherKernel k : kernels) {
            int nPad = GatherGemm.paddedColumns(k, n);
            float[] packed = new float[nPad * t];
            GatherGemm.packB(k, t, n, b, 0, n, 1, packed);
            float[] c = new float[Sgemm.roundUp(m, ConvTables.PAD) * nPad];
            // Two row ranges, the second not starting at row 0, as two tasks would run them.
            GatherGemm.rows(k, 0, 12, nPad, 0, t, src, rowBase, colOff, packed, k.nr() * t, c, 0, nPad);
            GatherGemm.rows(k, 12, m, nPad, 0, t, src, rowBase, colOff, packed, k.nr() * t, c, 12 * nPad, nPad);
            float[] result = new float[m * n];
            for (int i = 0; i < m; i++) System.arraycopy(c, i * nPad, result, i * n, n);
            if (first == null) {
                first = result;
                checkAgainstDouble(result, src, rowBase, colOff, b, m, n, t);
                continue;
            }
            for (int i = 0; i < result.length; i++) {
                if (Float.floatToRawIntBits(result[i]) != Float.floatToRawIntBits(first[i])) {
                    fail(k.getClass().getSimpleName() + " differs from the scalar kernel at (" + i / n + ", " + i % n + "): "
                            + result[i] + " vs " + first[i]);
                }
            }
        }
        assertEquals(MicroKernels.vectorBits() != 0 ? 4 : 1, kernels.size());
    }

    private static void checkAgainstDouble(float[] c, float[] src, int[] rowBase, int[] colOff, float[] b, int m, int n, int t) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < t; p++) {
                    double v = (double) src[rowBase[i] + colOff[p]] * b[p * n + j];
                    sum += v;
                    abs += Math.abs(v);
                }
                if (Math.abs(c[i * n + j] - sum) > 1e-5 * abs + 1e-6) fail("(" + i + ", " + j + "): " + c[i * n + j] + " vs " + sum);
            }
        }
    }
}
