package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every usable {@link MicroKernel} against a plain reference of its contract: each element is the
 * fused multiply-add chain over p from 0, then {@code alpha*acc} (beta 0, C not read) or
 * {@code alpha*acc + beta*c}, bit for bit, for each epilogue a kernel may specialise (beta 0,
 * alpha = beta = 1, and general scalings), and nothing outside the tile is written.
 */
class MicroKernelTest {
    @Test
    void everyKernelMatchesTheFmaChainReference() {
        List<MicroKernel> kernels = new ArrayList<>();
        for (int bits : new int[] {0, 256, 512}) {
            MicroKernel k = MicroKernels.ofBits(bits);
            if (k != null) kernels.add(k);
        }
        assumeTrue(MicroKernels.preferredBits() >= 256, "no 256-bit vectors here (" + MicroKernels.vectorStatus() + "): only the scalar kernel exists");
        assertTrue(kernels.size() >= 2, "with 256-bit vectors a vector kernel exists");
        float[][] scalings = {{1f, 0f}, {0.75f, 0f}, {1f, 1f}, {0.75f, -1.25f}, {1f, 0.5f}, {-2f, 1f}};
        Random rng = new Random(7);
        for (MicroKernel kernel : kernels) {
            int mr = kernel.mr(), nr = kernel.nr();
            for (int kc : new int[] {1, 5, 256}) {
                float[] a = new float[3 + mr * kc];
                float[] b = new float[2 + nr * kc];
                for (int i = 0; i < a.length; i++) a[i] = rng.nextFloat() - 0.5f;
                for (int i = 0; i < b.length; i++) b[i] = rng.nextFloat() - 0.5f;
                int ldc = nr + 9;
                int cOff = ldc + 4;
                float[] c0 = new float[cOff + mr * ldc];
                for (int i = 0; i < c0.length; i++) c0[i] = rng.nextFloat() - 0.5f;
                for (float[] s : scalings) {
                    float alpha = s[0], beta = s[1];
                    float[] expected = c0.clone();
                    for (int i = 0; i < mr; i++) {
                        for (int j = 0; j < nr; j++) {
                            float acc = 0f;
                            for (int p = 0; p < kc; p++) acc = Math.fma(a[3 + p * mr + i], b[2 + p * nr + j], acc);
                            int at = cOff + i * ldc + j;
                            expected[at] = beta == 0f ? alpha * acc : alpha * acc + beta * expected[at];
                        }
                    }
                    float[] c = c0.clone();
                    // Several calls, so a JIT-compiled kernel is checked too, not only the interpreter.
                    for (int rep = 0; rep < 3; rep++) {
                        c = c0.clone();
                        kernel.multiply(kc, a, 3, b, 2, c, cOff, ldc, alpha, beta);
                    }
                    assertBitIdentical(kernel.description() + " kc " + kc + " alpha " + alpha + " beta " + beta, expected, c);
                }
            }
        }
    }
}
