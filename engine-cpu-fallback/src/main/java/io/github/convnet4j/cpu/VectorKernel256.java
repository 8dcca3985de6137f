package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 x 16 micro-kernel on 256-bit {@link FloatVector}s: 6 rows of two vectors of
 * 8 lanes, 12 accumulators held in registers. Only loaded after {@link MicroKernels} has
 * checked that jdk.incubator.vector is present.
 *
 * <p>Written out flat on purpose: with JDK 17's C2, a vector passed to a helper method that is not
 * inlined (C2 refuses to inline a callee whose C1 code is already large, as non-intrinsified Vector
 * API code is) or merged at a control-flow join gets boxed, and the kernel ran six times slower.
 *
 * <p>{@link Sgemm} calls it only with beta 0 or with alpha = beta = 1, and that matters: when C2
 * compiled the general {@code alpha*acc + beta*c} branch as well, it left several of its stores
 * un-intrinsified (PrintInlining: "VectorSupport::store failed to inline (intrinsic)") and SGEMM
 * with more than one k-block ran at half speed. The general branch stays for other callers.
 */
final class VectorKernel256 implements MicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    static final int LANES = 8;
    static final int MR = 6;
    static final int NR = 16;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public String description() { return "Vector API 256-bit"; }

    @Override public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float alpha, float beta) {
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
        int pa = aOff;
        for (int p = 0; p < kc; p++, pa += MR, pb += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[pa + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[pa + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[pa + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[pa + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[pa + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[pa + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (beta == 0f) {
            c00.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c01.mul(alpha).intoArray(c, cOff + 0 * ldc + LANES);
            c10.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c11.mul(alpha).intoArray(c, cOff + 1 * ldc + LANES);
            c20.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c21.mul(alpha).intoArray(c, cOff + 2 * ldc + LANES);
            c30.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c31.mul(alpha).intoArray(c, cOff + 3 * ldc + LANES);
            c40.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c41.mul(alpha).intoArray(c, cOff + 4 * ldc + LANES);
            c50.mul(alpha).intoArray(c, cOff + 5 * ldc);
            c51.mul(alpha).intoArray(c, cOff + 5 * ldc + LANES);
        } else if (alpha == 1f && beta == 1f) {
            // Accumulating onto C (every k-block after the first): 1*acc + 1*c is acc + c exactly.
            c00.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc + LANES)).intoArray(c, cOff + 0 * ldc + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc + LANES)).intoArray(c, cOff + 1 * ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
        } else {
            c00.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc).mul(beta)).intoArray(c, cOff + 0 * ldc);
            c01.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 0 * ldc + LANES).mul(beta)).intoArray(c, cOff + 0 * ldc + LANES);
            c10.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc).mul(beta)).intoArray(c, cOff + 1 * ldc);
            c11.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 1 * ldc + LANES).mul(beta)).intoArray(c, cOff + 1 * ldc + LANES);
            c20.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc).mul(beta)).intoArray(c, cOff + 2 * ldc);
            c21.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES).mul(beta)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc).mul(beta)).intoArray(c, cOff + 3 * ldc);
            c31.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES).mul(beta)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc).mul(beta)).intoArray(c, cOff + 4 * ldc);
            c41.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES).mul(beta)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc).mul(beta)).intoArray(c, cOff + 5 * ldc);
            c51.mul(alpha).add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES).mul(beta)).intoArray(c, cOff + 5 * ldc + LANES);
        }
    }
}
