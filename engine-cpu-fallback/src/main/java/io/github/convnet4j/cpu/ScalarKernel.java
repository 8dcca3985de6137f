package io.github.convnet4j.cpu;

/**
 * The micro-kernel without the Vector API: a 4 x 8 tile in plain Java, four accumulators at a time
 * in locals, each a {@link Math#fma} chain (the same bits as the vector kernels).
 */
final class ScalarKernel implements MicroKernel {
    static final int MR = 4;
    static final int NR = 8;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String description() { return "scalar path: jdk.incubator.vector not present"; }

    @Override public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float alpha, float beta) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < NR; j += 4) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int pa = aOff + i;
                int pb = bOff + j;
                for (int p = 0; p < kc; p++, pa += MR, pb += NR) {
                    float x = a[pa];
                    s0 = Math.fma(x, b[pb], s0);
                    s1 = Math.fma(x, b[pb + 1], s1);
                    s2 = Math.fma(x, b[pb + 2], s2);
                    s3 = Math.fma(x, b[pb + 3], s3);
                }
                int at = cOff + i * ldc + j;
                if (beta == 0f) {
                    c[at] = alpha * s0;
                    c[at + 1] = alpha * s1;
                    c[at + 2] = alpha * s2;
                    c[at + 3] = alpha * s3;
                } else {
                    c[at] = alpha * s0 + beta * c[at];
                    c[at + 1] = alpha * s1 + beta * c[at + 1];
                    c[at + 2] = alpha * s2 + beta * c[at + 2];
                    c[at + 3] = alpha * s3 + beta * c[at + 3];
                }
            }
        }
    }
}
