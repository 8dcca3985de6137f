package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SGEMM's determinism contract: the scalar and every vector kernel, and the serial and the
 * threaded schedules, produce the same bits (each element is one fused multiply-add chain per
 * k-block, whatever the tiling or partition).
 */
class SgemmTest {
    @Test
    void everyKernelAndScheduleGivesTheSameBits() {
        List<MicroKernel> kernels = new ArrayList<>();
        for (int bits : new int[] {0, 256, 512}) {
            MicroKernel k = MicroKernels.ofBits(bits);
            if (k != null) kernels.add(k);
        }
        assumeTrue(MicroKernels.preferredBits() >= 256, "no 256-bit vectors here (" + MicroKernels.vectorStatus() + "): only the scalar kernel exists");
        assertTrue(kernels.size() >= 2, "with 256-bit vectors a vector kernel exists");
        assertNotNull(MicroKernels.ofBits(0));
        CpuThreads threads = CpuThreads.shared();
        Random rng = new Random(41);
        int[][] sizes = {{37, 53, 300}, {130, 70, 33}, {6, 32, 1}, {70, 50, 530}};
        for (int[] s : sizes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                float[] c0 = new float[m * n];
                for (int i = 0; i < a.length; i++) a[i] = rng.nextFloat() - 0.5f;
                for (int i = 0; i < b.length; i++) b[i] = rng.nextFloat() - 0.5f;
                for (int i = 0; i < c0.length; i++) c0[i] = rng.nextFloat() - 0.5f;
                float[] expected = null;
                String first = null;
                for (MicroKernel kernel : kernels) {
                    Sgemm sgemm = new Sgemm(threads, new Workspaces(threads.size()), kernel);
                    for (int schedule = 0; schedule < 2; schedule++) {
                        float[] c = c0.clone();
                        int lda = ta ? m : k;
                        int ldb = tb ? k : n;
                        if (schedule == 0) sgemm.serial(0, ta, tb, m, n, k, 0.75f, a, 0, lda, b, 0, ldb, -1.25f, c, 0, n);
                        else sgemm.gemm(ta, tb, m, n, k, 0.75f, a, 0, lda, b, 0, ldb, -1.25f, c, 0, n);
                        String name = kernel.description() + (schedule == 0 ? " serial" : " threaded");
                        if (expected == null) {
                            expected = c;
                            first = name;
                        } else {
                            assertBitIdentical(name + " vs " + first + " for " + m + "x" + n + "x" + k + " transA " + ta + " transB " + tb, expected, c);
                        }
                    }
                }
            }
        }
    }
}
