package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 x 64 {@link GatherKernel} on 512-bit {@link FloatVector}s: 6 rows of 4 vectors of 16
 * lanes, 24 accumulators in registers. Written out flat, like {@link VectorKernel512}, because
 * JDK 17's C2 boxes vectors that cross a non-inlined call or a control-flow merge; keep the rows
 * uniform. Loaded only after {@link MicroKernels} found the Vector API.
 */
final class VectorGather512x64 implements GatherKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static final int LANES = 16;

    @Override public int mr() { return 6; }
    @Override public int nr() { return 64; }

    @Override public void multiply(int kc, float[] src, int[] rowBase, int row, int[] colOff, int col,
                                   float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int r0 = rowBase[row + 0];
        int r1 = rowBase[row + 1];
        int r2 = rowBase[row + 2];
        int r3 = rowBase[row + 3];
        int r4 = rowBase[row + 4];
        int r5 = rowBase[row + 5];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c02 = zero;
        FloatVector c03 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c12 = zero;
        FloatVector c13 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c22 = zero;
        FloatVector c23 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c32 = zero;
        FloatVector c33 = zero;
        FloatVector c40 = zero;
        FloatVector c41 = zero;
        FloatVector c42 = zero;
        FloatVector c43 = zero;
        FloatVector c50 = zero;
        FloatVector c51 = zero;
        FloatVector c52 = zero;
        FloatVector c53 = zero;
        int pb = bOff;
        for (int t = 0; t < kc; t++, pb += 64) {
            int o = colOff[col + t];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + 1 * LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, pb + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, pb + 3 * LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, src[r0 + o]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02); c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(SPECIES, src[r1 + o]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12); c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(SPECIES, src[r2 + o]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22); c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(SPECIES, src[r3 + o]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32); c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(SPECIES, src[r4 + o]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42); c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(SPECIES, src[r5 + o]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52); c53 = a.fma(b3, c53);
        }
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc + 1 * LANES)).intoArray(c, cOff + 0 * ldc + 1 * LANES);
            c02.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc + 2 * LANES)).intoArray(c, cOff + 0 * ldc + 2 * LANES);
            c03.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc + 3 * LANES)).intoArray(c, cOff + 0 * ldc + 3 * LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc + 1 * LANES)).intoArray(c, cOff + 1 * ldc + 1 * LANES);
            c12.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc + 2 * LANES)).intoArray(c, cOff + 1 * ldc + 2 * LANES);
            c13.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc + 3 * LANES)).intoArray(c, cOff + 1 * ldc + 3 * LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + 1 * LANES)).intoArray(c, cOff + 2 * ldc + 1 * LANES);
            c22.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + 2 * LANES)).intoArray(c, cOff + 2 * ldc + 2 * LANES);
            c23.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + 3 * LANES)).intoArray(c, cOff + 2 * ldc + 3 * LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + 1 * LANES)).intoArray(c, cOff + 3 * ldc + 1 * LANES);
            c32.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + 2 * LANES)).intoArray(c, cOff + 3 * ldc + 2 * LANES);
            c33.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + 3 * LANES)).intoArray(c, cOff + 3 * ldc + 3 * LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + 1 * LANES)).intoArray(c, cOff + 4 * ldc + 1 * LANES);
            c42.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + 2 * LANES)).intoArray(c, cOff + 4 * ldc + 2 * LANES);
            c43.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + 3 * LANES)).intoArray(c, cOff + 4 * ldc + 3 * LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + 1 * LANES)).intoArray(c, cOff + 5 * ldc + 1 * LANES);
            c52.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + 2 * LANES)).intoArray(c, cOff + 5 * ldc + 2 * LANES);
            c53.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + 3 * LANES)).intoArray(c, cOff + 5 * ldc + 3 * LANES);
        } else {
            c00.intoArray(c, cOff + 0 * ldc);
            c01.intoArray(c, cOff + 0 * ldc + 1 * LANES);
            c02.intoArray(c, cOff + 0 * ldc + 2 * LANES);
            c03.intoArray(c, cOff + 0 * ldc + 3 * LANES);
            c10.intoArray(c, cOff + 1 * ldc);
            c11.intoArray(c, cOff + 1 * ldc + 1 * LANES);
            c12.intoArray(c, cOff + 1 * ldc + 2 * LANES);
            c13.intoArray(c, cOff + 1 * ldc + 3 * LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + 1 * LANES);
            c22.intoArray(c, cOff + 2 * ldc + 2 * LANES);
            c23.intoArray(c, cOff + 2 * ldc + 3 * LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + 1 * LANES);
            c32.intoArray(c, cOff + 3 * ldc + 2 * LANES);
            c33.intoArray(c, cOff + 3 * ldc + 3 * LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + 1 * LANES);
            c42.intoArray(c, cOff + 4 * ldc + 2 * LANES);
            c43.intoArray(c, cOff + 4 * ldc + 3 * LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + 1 * LANES);
            c52.intoArray(c, cOff + 5 * ldc + 2 * LANES);
            c53.intoArray(c, cOff + 5 * ldc + 3 * LANES);
        }
    }
}
