package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 2 x (2 segments of 8 pixels) {@link RowKernel} on 256-bit vectors: the tail of
 * {@link VectorRows256x6} for channel counts that leave 2 over. Written out flat for the same reason
 * as {@link VectorGather256x16}.
 */
final class VectorRows256x2 implements RowKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    @Override public int mr() { return 2; }
    @Override public int lanes() { return 8; }
    @Override public int segments() { return 2; }

    @Override public void multiply(int kc, float[] src, int[] bases, int[] colOff, int col, float[] a, int aOff,
                                   float[] y, int[] outs, int ldy, boolean accumulate) {
        int s0 = bases[0];
        int s1 = bases[1];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero;
        int pa = aOff;
        for (int t = 0; t < kc; t++, pa += 2) {
            int o = colOff[col + t];
            FloatVector x0 = FloatVector.fromArray(SPECIES, src, s0 + o);
            FloatVector x1 = FloatVector.fromArray(SPECIES, src, s1 + o);
            FloatVector w = FloatVector.broadcast(SPECIES, a[pa]);
            c00 = w.fma(x0, c00); c01 = w.fma(x1, c01);
            w = FloatVector.broadcast(SPECIES, a[pa + 1]);
            c10 = w.fma(x0, c10); c11 = w.fma(x1, c11);
        }
        int y0 = outs[0];
        int y1 = outs[1];
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, y, y0)).intoArray(y, y0);
            c01.add(FloatVector.fromArray(SPECIES, y, y1)).intoArray(y, y1);
            c10.add(FloatVector.fromArray(SPECIES, y, y0 + ldy)).intoArray(y, y0 + ldy);
            c11.add(FloatVector.fromArray(SPECIES, y, y1 + ldy)).intoArray(y, y1 + ldy);
        } else {
            c00.intoArray(y, y0);
            c01.intoArray(y, y1);
            c10.intoArray(y, y0 + ldy);
            c11.intoArray(y, y1 + ldy);
        }
    }
}
