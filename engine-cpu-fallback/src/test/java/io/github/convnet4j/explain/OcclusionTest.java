package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.model.Model;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Occlusion on linear models, where zeroing a patch lowers output k by exactly {@code sum W[k, i] x_i}
 * over the patch, so every pixel's mean drop can be worked out without running a model.
 *
 * <p>Left alone: {@code n > MAX_PATCHES} as {@code >=} (telling them apart needs 65,536 forward passes
 * of a 65,536-input model).
 */
class OcclusionTest {
    /**
     * A 3×3 image of ones, class 1's weights 1..9, 2×2 patches at stride 1: patches at (0,0), (0,1),
     * (1,0), (1,1) drop 1+2+4+5 = 12, 16, 24 and 28. Corners see one patch, edges two, the centre all
     * four: (12, (12+16)/2, 16; (12+24)/2, 80/4, (16+28)/2; 24, (24+28)/2, 28).
     */
    @Test void meanDropOfTheCoveringPatchesWorkedByHand() {
        try (CpuBackend backend = new CpuBackend()) {
            float[] kernel = {9, 8, 7, 6, 5, 4, 3, 2, 1, /* class 1 */ 1, 2, 3, 4, 5, 6, 7, 8, 9};
            Model m = LinearModels.linear(backend, 1, 3, 3, 2, kernel, new float[] {0.5f, -2f});
            try (m; ModelProbe probe = new ModelProbe(m)) {
                float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
                assertArrayEquals(new float[] {12, 14, 16, 18, 20, 22, 24, 26, 28}, Occlusion.drops(probe, ones, 1, 2, 1), 1e-5f);
                // Patch = the whole image: one patch, every pixel drops by the sum 45.
                float[] all = new float[9];
                java.util.Arrays.fill(all, 45);
                assertArrayEquals(all, Occlusion.drops(probe, ones, 1, 3, 1), 1e-5f);
            }
        }
    }

    /**
     * Two channels, a 4×7 image, 2×2 patches at stride 3: rows start at 0 and (flush with the border) 2;
     * columns at 0, 3 and (flush) 5, so column 2 is never covered and stays 0. Output 2 of 3 is explained.
     */
    @Test void patchesCoverEveryChannelAndTheLastOnesSitFlushWithTheBorder() {
        int c = 2, h = 4, w = 7, k = 3, cls = 2, plane = h * w;
        Random r = new Random(5);
        float[] kernel = new float[k * c * plane], image = new float[c * plane];
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) r.nextGaussian();
        for (int i = 0; i < image.length; i++) image[i] = r.nextFloat();
        int[] ys = {0, 2}, xs = {0, 3, 5};
        double[] sum = new double[plane];
        int[] count = new int[plane];
        for (int y0 : ys) {
            for (int x0 : xs) {
                double drop = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = y0; y < y0 + 2; y++) for (int x = x0; x < x0 + 2; x++) drop += kernel[cls * c * plane + ch * plane + y * w + x] * image[ch * plane + y * w + x];
                }
                for (int y = y0; y < y0 + 2; y++) {
                    for (int x = x0; x < x0 + 2; x++) {
                        sum[y * w + x] += drop;
                        count[y * w + x]++;
                    }
                }
            }
        }
        float[] want = new float[plane];
        for (int i = 0; i < plane; i++) want[i] = count[i] == 0 ? 0 : (float) (sum[i] / count[i]);
        for (int y = 0; y < h; y++) assertEquals(0, count[y * w + 2], "column 2 lies between the patches");
        try (CpuBackend backend = new CpuBackend()) {
            Model m = LinearModels.linear(backend, c, h, w, k, kernel, new float[] {1, 2, 3});
            try (m; ModelProbe probe = new ModelProbe(m)) {
                assertArrayEquals(want, Occlusion.drops(probe, image, cls, 2, 3), 1e-5f);
            }
        }
    }

    /** 1×1 patches on 20×20 make 400 copies (more than one chunk of 256); each pixel drops by its own term. */
    @Test void manyPatchesRunInChunksAndEachKeepsItsPlace() {
        int h = 20, w = 20, plane = h * w;
        Random r = new Random(9);
        float[] kernel = new float[2 * plane], image = new float[plane];
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) r.nextGaussian();
        for (int i = 0; i < plane; i++) image[i] = 0.5f + r.nextFloat();
        float[] want = new float[plane];
        for (int i = 0; i < plane; i++) want[i] = kernel[plane + i] * image[i];
        try (CpuBackend backend = new CpuBackend()) {
            Model m = LinearModels.linear(backend, 1, h, w, 2, kernel, new float[] {0, 0});
            try (m; ModelProbe probe = new ModelProbe(m)) {
                assertArrayEquals(want, Occlusion.drops(probe, image, 1, 1, 1), 1e-4f);
            }
        }
    }

    @Test void badPatchesAndStridesAreRefused() {
        try (CpuBackend backend = new CpuBackend()) {
            Model m = LinearModels.linear(backend, 1, 3, 4, 1, new float[12], new float[1]);
            try (m; ModelProbe probe = new ModelProbe(m)) {
                float[] image = new float[12];
                assertTrue(message(() -> Occlusion.drops(probe, image, 0, 0, 1)).contains("must be >= 1, got 0 and 1"));
                assertTrue(message(() -> Occlusion.drops(probe, image, 0, 1, 0)).contains("must be >= 1, got 1 and 0"));
                assertTrue(message(() -> Occlusion.drops(probe, image, 0, 4, 1)).contains("patch 4 is larger than the input 3x4"));
                assertEquals(12, Occlusion.drops(probe, image, 0, 3, 1).length, "a patch as high as the image is fine");
            }
            Model big = LinearModels.linear(backend, 1, 257, 256, 1, new float[257 * 256], new float[1]);
            try (big; ModelProbe probe = new ModelProbe(big)) {
                String e = message(() -> Occlusion.drops(probe, new float[257 * 256], 0, 1, 1));
                assertTrue(e.contains("makes 65792 copies; at most 65536"), e);
            }
        }
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
