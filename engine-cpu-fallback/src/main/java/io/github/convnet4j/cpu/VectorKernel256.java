package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 x 16 micro-kernel on 256-bit {@link FloatVector}s: 6 rows of two vectors of
 * 8 lanes, 12 accumulators held in registers. Only loaded after {@link MicroKernels} has
 * checked that jdk.incubator.vector is present.
 */
final class VectorKernel256 implements MicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    static final int LANES = 8;
    static final int MR = 6;
    static final int NR = 16;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String description() { return "Vector API 256-bit"; }

    @Override public void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float alpha, float beta, float[] scratch) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero; FloatVector c10 = zero; FloatVector c11 = zero; FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero; FloatVector c40 = zero; FloatVector c41 = zero; FloatVector c50 = zero; FloatVector c51 = zero;
        int pb = bOff;
        int pa = aOff;
        for (int p = 0; p < kc; p++, pa += MR, pb += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, a[pa + 0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[pa + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[pa + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[pa + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[pa + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[pa + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        store(c00, c01, c, cOff + 0 * ldc, alpha, beta);
        store(c10, c11, c, cOff + 1 * ldc, alpha, beta);
        store(c20, c21, c, cOff + 2 * ldc, alpha, beta);
        store(c30, c31, c, cOff + 3 * ldc, alpha, beta);
        store(c40, c41, c, cOff + 4 * ldc, alpha, beta);
        store(c50, c51, c, cOff + 5 * ldc, alpha, beta);
    }

    @Override public void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero; FloatVector c10 = zero; FloatVector c11 = zero; FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero; FloatVector c40 = zero; FloatVector c41 = zero; FloatVector c50 = zero; FloatVector c51 = zero;
        int pb = bOff;
        int pa = aOff;
        for (int p = 0; p < kc; p++, pa += MR, pb += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector x;
            x = FloatVector.broadcast(SPECIES, a[pa + 0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[pa + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[pa + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[pa + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[pa + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[pa + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + LANES);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + LANES);
    }

    /** {@code c = alpha*acc + beta*c} for one row of the tile, one rounding per operation as the scalar path. */
    private static void store(FloatVector acc0, FloatVector acc1, float[] c, int at, float alpha, float beta) {
        if (alpha != 1f) {
            acc0 = acc0.mul(alpha);
            acc1 = acc1.mul(alpha);
        }
        if (beta != 0f) {
            acc0 = acc0.add(FloatVector.fromArray(SPECIES, c, at).mul(beta));
            acc1 = acc1.add(FloatVector.fromArray(SPECIES, c, at + LANES).mul(beta));
        }
        acc0.intoArray(c, at);
        acc1.intoArray(c, at + LANES);
    }
}
