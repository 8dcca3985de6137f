package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass of a stride-1 convolution with few taps ({@code C*R*S} below {@link
 * CpuConvOps#SMALL_REDUCTION}: first layers), computed where it is written: a vector of one output
 * row's pixels, eight filters at a time, each tap one load of the zero-bordered input and eight
 * multiply-adds with the broadcast weights. {@link ConvFast} ran the same products as an im2col
 * matrix, a packed copy of it and a GEMM whose register tiles a reduction of 9 barely fills, then a
 * second pass for the bias and the ReLU (keras-mnist's first layer: 0.8 ms a step, 7 % of peak).
 *
 * <p>Same bits as ConvFast: each output is one chain of fused multiply-adds from +0 over the taps in
 * (c, r, s) order, padding taps included (they read the border's zeros, as im2col's zeros), then
 * {@code y + b} and {@code Math.max(., 0)} as {@link ConvEpilogue}. The last vector of a row is
 * shifted back to end at the row's end, recomputing a few pixels with the same values; rows shorter
 * than a vector are not taken ({@link #applies}). Images are split over the workers. Loaded only after
 * {@link MicroKernels} has found the Vector API.
 */
final class VectorConvDirect {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(MicroKernels.vectorBits()));
    private static final int LANES = S.length();
    /** Filters per pass over the taps: eight accumulators hide the FMA latency on two pipes. */
    private static final int BLOCK = 8;

    /** Whether {@link #forward} takes g: stride and dilation 1, rows at least a vector long. */
    static boolean applies(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1 && g.q() >= LANES;
    }

    /**
     * Image n of the output: {@code y[n] = f(conv(x[n]) + bias)} with x the zero-bordered input
     * ({@code in}: top-left tap of output (p, q) at row p, column q of each plane) and {@code taps}
     * the offsets of the taps in (c, r, s) order ({@link ConvTables#tapOffsets}).
     */
    static void image(ConvGeometry g, int n, PaddedPlanes in, int[] taps, float[] w, float[] bias, boolean relu, float[] y) {
        int imageBase = n * g.c() * in.planeSize();
        int k = 0;
        for (; k + BLOCK <= g.k(); k += BLOCK) {
            for (int p = 0; p < g.p(); p++) block(g, in.data(), imageBase + p * in.cols(), taps, w, k, bias, relu, y, (n * g.k() + k) * g.pq() + p * g.q());
        }
        for (; k < g.k(); k++) {
            for (int p = 0; p < g.p(); p++) single(g, in.data(), imageBase + p * in.cols(), taps, w, k, bias, relu, y, (n * g.k() + k) * g.pq() + p * g.q());
        }
    }

    /**
     * Output row {@code [out, out + Q)} of filters k0..k0+7 (planes PQ apart) from the input row at
     * {@code rowBase}. One flat loop over the taps: JDK 17's C2 boxed the accumulators of a loop
     * nest over (c, r, s) (four times slower than im2col).
     */
    private static void block(ConvGeometry g, float[] x, int rowBase, int[] taps, float[] w, int k0, float[] bias, boolean relu, float[] y,
                              int out) {
        int crs = g.crs();
        int pq = g.pq();
        FloatVector zero = FloatVector.zero(S);
        for (int q0 = 0; q0 < g.q(); q0 += LANES) {
            int q = Math.min(q0, g.q() - LANES);
            int at = rowBase + q;
            FloatVector a0 = zero;
            FloatVector a1 = zero;
            FloatVector a2 = zero;
            FloatVector a3 = zero;
            FloatVector a4 = zero;
            FloatVector a5 = zero;
            FloatVector a6 = zero;
            FloatVector a7 = zero;
            int w0 = k0 * crs;
            for (int t = 0; t < crs; t++) {
                FloatVector v = FloatVector.fromArray(S, x, at + taps[t]);
                int wt = w0 + t;
                a0 = FloatVector.broadcast(S, w[wt]).fma(v, a0);
                a1 = FloatVector.broadcast(S, w[wt + crs]).fma(v, a1);
                a2 = FloatVector.broadcast(S, w[wt + 2 * crs]).fma(v, a2);
                a3 = FloatVector.broadcast(S, w[wt + 3 * crs]).fma(v, a3);
                a4 = FloatVector.broadcast(S, w[wt + 4 * crs]).fma(v, a4);
                a5 = FloatVector.broadcast(S, w[wt + 5 * crs]).fma(v, a5);
                a6 = FloatVector.broadcast(S, w[wt + 6 * crs]).fma(v, a6);
                a7 = FloatVector.broadcast(S, w[wt + 7 * crs]).fma(v, a7);
            }
            int o = out + q;
            finish(a0, bias, k0, relu, zero, y, o);
            finish(a1, bias, k0 + 1, relu, zero, y, o + pq);
            finish(a2, bias, k0 + 2, relu, zero, y, o + 2 * pq);
            finish(a3, bias, k0 + 3, relu, zero, y, o + 3 * pq);
            finish(a4, bias, k0 + 4, relu, zero, y, o + 4 * pq);
            finish(a5, bias, k0 + 5, relu, zero, y, o + 5 * pq);
            finish(a6, bias, k0 + 6, relu, zero, y, o + 6 * pq);
            finish(a7, bias, k0 + 7, relu, zero, y, o + 7 * pq);
        }
    }

    /** As {@link #block}, one filter (the last K mod 8). */
    private static void single(ConvGeometry g, float[] x, int rowBase, int[] taps, float[] w, int k, float[] bias, boolean relu, float[] y,
                               int out) {
        int crs = g.crs();
        FloatVector zero = FloatVector.zero(S);
        for (int q0 = 0; q0 < g.q(); q0 += LANES) {
            int q = Math.min(q0, g.q() - LANES);
            int at = rowBase + q;
            FloatVector acc = zero;
            for (int t = 0; t < crs; t++) acc = FloatVector.broadcast(S, w[k * crs + t]).fma(FloatVector.fromArray(S, x, at + taps[t]), acc);
            finish(acc, bias, k, relu, zero, y, out + q);
        }
    }

    /** {@link ConvEpilogue}'s formulas on a vector: {@code acc + b}, then {@code max(., 0)}. */
    private static void finish(FloatVector acc, float[] bias, int k, boolean relu, FloatVector zero, float[] y, int at) {
        // Each case stores on its own: JDK 17's C2 boxes a vector that two branches merge.
        if (bias == null) {
            if (relu) acc.max(zero).intoArray(y, at);
            else acc.intoArray(y, at);
        } else if (relu) {
            acc.add(bias[k]).max(zero).intoArray(y, at);
        } else {
            acc.add(bias[k]).intoArray(y, at);
        }
    }
}
