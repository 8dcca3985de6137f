package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4 x 64 {@link GatherKernel} on 512-bit {@link FloatVector}s: 4 rows of 4 vectors of 16
 * lanes, 16 accumulators in registers. Written out flat, like {@link VectorKernel512}, because
 * JDK 17's C2 boxes vectors that cross a non-inlined call or a control-flow merge; keep the rows
 * uniform. Loaded only after {@link MicroKernels} found the Vector API.
 *
 * <p>Four rows, not six: a 6 x 64 tile keeps 29 vectors live in the loop (24 accumulators, 4 of
 * B, 1 broadcast) out of AVX-512's 32 registers, and JDK 17's C2 allocated that without spills in
 * some JVMs only: in others (decided per process by when the method was compiled against what
 * profile) it kept about half the accumulators on the stack, reloading and storing them every
 * iteration, and keras-mnist trained at 0.55x the speed (issue #17). With 21 live vectors there is
 * room to spare whatever the profile.
 */
final class VectorGather512x64 implements GatherKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static final int LANES = 16;

    @Override public int mr() { return 4; }
    @Override public int nr() { return 64; }

    @Override public void multiply(int kc, float[] src, int[] rowBase, int row, int[] colOff, int col,
                                   float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int r0 = rowBase[row + 0];
        int r1 = rowBase[row + 1];
        int r2 = rowBase[row + 2];
        int r3 = rowBase[row + 3];
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
        }
    }
}
