package io.github.convnet4j.cpu;

/**
 * {@link GatherKernel} without the Vector API: a 4 x 8 tile in plain Java, each element a
 * {@link Math#fma} chain (the same bits as the vector kernels).
 */
final class ScalarGather implements GatherKernel {
    static final int MR = 4;
    static final int NR = 8;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }

    @Override public void multiply(int kc, float[] src, int[] rowBase, int row, int[] colOff, int col,
                                   float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < MR; i++) {
            int base = rowBase[row + i];
            for (int j = 0; j < NR; j += 4) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int pb = bOff + j;
                for (int t = 0; t < kc; t++, pb += NR) {
                    float x = src[base + colOff[col + t]];
                    s0 = Math.fma(x, b[pb], s0);
                    s1 = Math.fma(x, b[pb + 1], s1);
                    s2 = Math.fma(x, b[pb + 2], s2);
                    s3 = Math.fma(x, b[pb + 3], s3);
                }
                int at = cOff + i * ldc + j;
                if (accumulate) {
                    c[at] += s0;
                    c[at + 1] += s1;
                    c[at + 2] += s2;
                    c[at + 3] += s3;
                } else {
                    c[at] = s0;
                    c[at + 1] = s1;
                    c[at + 2] = s2;
                    c[at + 3] = s3;
                }
            }
        }
    }
}
