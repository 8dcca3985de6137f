package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 x (2 segments of 8 pixels) {@link RowKernel} on 256-bit vectors, the main one of that width:
 * 12 accumulators, 2 input vectors and a broadcast fill 15 of the 16 ymm registers; per tap 2 vector
 * loads and 6 broadcasts for 12 FMAs. Channel counts that leave 4 or 2 channels over (32, 64, 128)
 * run those through {@link VectorRows256x4} or {@link VectorRows256x2} ({@link #tail}). Written out
 * flat for the same reason as {@link VectorGather256x16}. Loaded only when
 * {@link MicroKernels#vectorBits()} is 256.
 */
final class VectorRows256x6 implements RowKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    @Override public int mr() { return 6; }
    @Override public int lanes() { return 8; }
    @Override public int segments() { return 2; }

    private final RowKernel four = new VectorRows256x4();
    private final RowKernel two = new VectorRows256x2();

    @Override public RowKernel tail(int rows) {
        return rows == 4 ? four : rows == 2 ? two : null;
    }

    @Override public void multiply(int kc, float[] src, int[] bases, int[] colOff, int col, float[] a, int aOff,
                                   float[] y, int[] outs, int ldy, boolean accumulate) {
        int s0 = bases[0];
        int s1 = bases[1];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        int pa = aOff;
        for (int t = 0; t < kc; t++, pa += 6) {
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
        }
    }
}
