package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 8 x (2 segments of 16 pixels) {@link RowKernel} on 512-bit vectors: 16 accumulators, per tap
 * two vector loads of input and eight broadcasts of packed filters for sixteen FMAs. Written out
 * flat for the same reason as {@link VectorGather512x64} (JDK 17's C2 boxes vectors that cross
 * calls or merges). Loaded only when {@link MicroKernels#vectorBits()} is 512.
 */
final class VectorRows512 implements RowKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;

    @Override public int mr() { return 8; }
    @Override public int lanes() { return 16; }
    @Override public int segments() { return 2; }

    @Override public void multiply(int kc, float[] src, int[] bases, int[] colOff, int col, float[] a, int aOff,
                                   float[] y, int[] outs, int ldy, boolean accumulate) {
        int s0 = bases[0];
        int s1 = bases[1];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        int pa = aOff;
        for (int t = 0; t < kc; t++, pa += 8) {
            int o = colOff[col + t];
            FloatVector x0 = FloatVector.fromArray(SPECIES, src, s0 + o);
            FloatVector x1 = FloatVector.fromArray(SPECIES, src, s1 + o);
            FloatVector w = FloatVector.broadcast(SPECIES, a[pa]);
            c00 = w.fma(x0, c00); c01 = w.fma(x1, c01);
            w = FloatVector.broadcast(SPECIES, a[pa + 1]);
            c10 = w.fma(x0, c10); c11 = w.fma(x1, c11);
            w = FloatVector.broadcast(SPECIES, a[pa + 2]);
            c20 = w.fma(x0, c20); c21 = w.fma(x1, c21);
            w = FloatVector.broadcast(SPECIES, a[pa + 3]);
            c30 = w.fma(x0, c30); c31 = w.fma(x1, c31);
            w = FloatVector.broadcast(SPECIES, a[pa + 4]);
            c40 = w.fma(x0, c40); c41 = w.fma(x1, c41);
            w = FloatVector.broadcast(SPECIES, a[pa + 5]);
            c50 = w.fma(x0, c50); c51 = w.fma(x1, c51);
            w = FloatVector.broadcast(SPECIES, a[pa + 6]);
            c60 = w.fma(x0, c60); c61 = w.fma(x1, c61);
            w = FloatVector.broadcast(SPECIES, a[pa + 7]);
            c70 = w.fma(x0, c70); c71 = w.fma(x1, c71);
        }
        int y0 = outs[0];
        int y1 = outs[1];
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, y, y0)).intoArray(y, y0);
            c01.add(FloatVector.fromArray(SPECIES, y, y1)).intoArray(y, y1);
            c10.add(FloatVector.fromArray(SPECIES, y, y0 + ldy)).intoArray(y, y0 + ldy);
            c11.add(FloatVector.fromArray(SPECIES, y, y1 + ldy)).intoArray(y, y1 + ldy);
            c20.add(FloatVector.fromArray(SPECIES, y, y0 + 2 * ldy)).intoArray(y, y0 + 2 * ldy);
            c21.add(FloatVector.fromArray(SPECIES, y, y1 + 2 * ldy)).intoArray(y, y1 + 2 * ldy);
            c30.add(FloatVector.fromArray(SPECIES, y, y0 + 3 * ldy)).intoArray(y, y0 + 3 * ldy);
            c31.add(FloatVector.fromArray(SPECIES, y, y1 + 3 * ldy)).intoArray(y, y1 + 3 * ldy);
            c40.add(FloatVector.fromArray(SPECIES, y, y0 + 4 * ldy)).intoArray(y, y0 + 4 * ldy);
            c41.add(FloatVector.fromArray(SPECIES, y, y1 + 4 * ldy)).intoArray(y, y1 + 4 * ldy);
            c50.add(FloatVector.fromArray(SPECIES, y, y0 + 5 * ldy)).intoArray(y, y0 + 5 * ldy);
            c51.add(FloatVector.fromArray(SPECIES, y, y1 + 5 * ldy)).intoArray(y, y1 + 5 * ldy);
            c60.add(FloatVector.fromArray(SPECIES, y, y0 + 6 * ldy)).intoArray(y, y0 + 6 * ldy);
            c61.add(FloatVector.fromArray(SPECIES, y, y1 + 6 * ldy)).intoArray(y, y1 + 6 * ldy);
            c70.add(FloatVector.fromArray(SPECIES, y, y0 + 7 * ldy)).intoArray(y, y0 + 7 * ldy);
            c71.add(FloatVector.fromArray(SPECIES, y, y1 + 7 * ldy)).intoArray(y, y1 + 7 * ldy);
        } else {
            c00.intoArray(y, y0);
            c01.intoArray(y, y1);
            c10.intoArray(y, y0 + ldy);
            c11.intoArray(y, y1 + ldy);
            c20.intoArray(y, y0 + 2 * ldy);
            c21.intoArray(y, y1 + 2 * ldy);
            c30.intoArray(y, y0 + 3 * ldy);
            c31.intoArray(y, y1 + 3 * ldy);
            c40.intoArray(y, y0 + 4 * ldy);
            c41.intoArray(y, y1 + 4 * ldy);
            c50.intoArray(y, y0 + 5 * ldy);
            c51.intoArray(y, y1 + 5 * ldy);
            c60.intoArray(y, y0 + 6 * ldy);
            c61.intoArray(y, y1 + 6 * ldy);
            c70.intoArray(y, y0 + 7 * ldy);
            c71.intoArray(y, y1 + 7 * ldy);
        }
    }
}
