package io.github.convnet4j.cpu;

/** The micro-kernel without the Vector API: a 4 x 8 tile in plain Java with {@link Math#fma}. */
final class ScalarKernel implements MicroKernel {
    static final int MR = 4;
    static final int NR = 8;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String description() { return "scalar path: jdk.incubator.vector not present"; }

    @Override public void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float alpha, float beta, float[] scratch) {
        float[] acc = scratch;
        tile(kc, a, aOff, b, bOff, acc);
        for (int i = 0; i < MR; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < NR; j++) {
                float v = acc[i * NR + j];
                c[row + j] = beta == 0f ? alpha * v : alpha * v + beta * c[row + j];
            }
        }
    }

    @Override public void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < NR; j++) {
                float acc = 0f;
                int pa = aOff + i;
                int pb = bOff + j;
                for (int p = 0; p < kc; p++, pa += MR, pb += NR) acc = Math.fma(a[pa], b[pb], acc);
                tile[i * NR + j] = acc;
            }
        }
    }
}
