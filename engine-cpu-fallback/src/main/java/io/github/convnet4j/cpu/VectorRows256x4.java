package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4 x (2 segments of 8 pixels) {@link RowKernel} on 256-bit vectors: 8 accumulators, per tap
 * 2 vector loads of input and 4 broadcasts of packed filters for 8 FMAs. The tail of
 * {@link VectorRows256x6} for channel counts that leave 4 over. Written out flat for the same reason
 * as {@link VectorGather256x16}.
 */
final class VectorRows256x4 implements RowKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    @Override public int mr() { return 4; }
    @Override public int lanes() { return 8; }
    @Override public int segments() { return 2; }

    @Override public void multiply(int kc, float[] src, int[] bases, int[] colOff, int col, float[] a, int aOff,
                                   float[] y, int[] outs, int ldy, boolean accumulate) {
        int s0 = bases[0];
        int s1 = bases[1];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        int pa = aOff;
        for (int t = 0; t < kc; t++, pa += 4) {
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
        } else {
            c00.intoArray(y, y0);
            c01.intoArray(y, y1);
            c10.intoArray(y, y0 + ldy);
            c11.intoArray(y, y1 + ldy);
            c20.intoArray(y, y0 + 2 * ldy);
            c21.intoArray(y, y1 + 2 * ldy);
            c30.intoArray(y, y0 + 3 * ldy);
            c31.intoArray(y, y1 + 3 * ldy);
        }
    }
}
