package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 x 16 {@link GatherKernel} on 256-bit {@link FloatVector}s: 6 rows of 2 vectors of 8
 * lanes, 12 accumulators in registers. Written out flat, like {@link VectorKernel512}, because
 * JDK 17's C2 boxes vectors that cross a non-inlined call or a control-flow merge; keep the rows
 * uniform. Loaded only after {@link MicroKernels} found the Vector API.
 */
final class VectorGather256x16 implements GatherKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;

    @Override public int mr() { return 6; }
    @Override public int nr() { return 16; }

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
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c40 = zero;
        FloatVector c41 = zero;
        FloatVector c50 = zero;
        FloatVector c51 = zero;
        int pb = bOff;
        for (int t = 0; t < kc; t++, pb += 16) {
            int o = colOff[col + t];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + 1 * LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, src[r0 + o]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, src[r1 + o]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, src[r2 + o]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, src[r3 + o]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, src[r4 + o]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, src[r5 + o]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc + 1 * LANES)).intoArray(c, cOff + 0 * ldc + 1 * LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc + 1 * LANES)).intoArray(c, cOff + 1 * ldc + 1 * LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + 1 * LANES)).intoArray(c, cOff + 2 * ldc + 1 * LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + 1 * LANES)).intoArray(c, cOff + 3 * ldc + 1 * LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + 1 * LANES)).intoArray(c, cOff + 4 * ldc + 1 * LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + 1 * LANES)).intoArray(c, cOff + 5 * ldc + 1 * LANES);
        } else {
            c00.intoArray(c, cOff + 0 * ldc);
            c01.intoArray(c, cOff + 0 * ldc + 1 * LANES);
            c10.intoArray(c, cOff + 1 * ldc);
            c11.intoArray(c, cOff + 1 * ldc + 1 * LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + 1 * LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + 1 * LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + 1 * LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + 1 * LANES);
        }
    }
}
