package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PlaneKernel} on the backend's vector width ({@link MicroKernels#vectorBits}), multiplying
 * and adding lanewise (two roundings, as the scalar definition): the sixteen lanes of a dot are one
 * 512-bit vector or two 256-bit ones; the tails shorter than a vector run the scalar code. Loaded
 * only after {@link MicroKernels} has found the Vector API.
 */
final class VectorPlaneKernel extends PlaneKernel {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(MicroKernels.vectorBits()));
    private static final int L = S.length();

    @Override void axpy(float alpha, float[] x, int xi, float[] y, int yi, int len) {
        int i = 0;
        for (int end = len - L; i <= end; i += L) {
            FloatVector.fromArray(S, x, xi + i).mul(alpha).add(FloatVector.fromArray(S, y, yi + i)).intoArray(y, yi + i);
        }
        for (; i < len; i++) y[yi + i] += alpha * x[xi + i];
    }

    @Override void accumulate(float[] a, int ai, float[] b, int bi, int len, float[] lanes, int at) {
        int full = len & -LANES;
        if (L == LANES) {
            FloatVector acc = FloatVector.fromArray(S, lanes, at);
            for (int i = 0; i < full; i += LANES) {
                acc = acc.add(FloatVector.fromArray(S, a, ai + i).mul(FloatVector.fromArray(S, b, bi + i)));
            }
            acc.intoArray(lanes, at);
        } else {
            FloatVector lo = FloatVector.fromArray(S, lanes, at), hi = FloatVector.fromArray(S, lanes, at + L);
            for (int i = 0; i < full; i += LANES) {
                lo = lo.add(FloatVector.fromArray(S, a, ai + i).mul(FloatVector.fromArray(S, b, bi + i)));
                hi = hi.add(FloatVector.fromArray(S, a, ai + i + L).mul(FloatVector.fromArray(S, b, bi + i + L)));
            }
            lo.intoArray(lanes, at);
            hi.intoArray(lanes, at + L);
        }
        for (int i = full; i < len; i++) lanes[at + (i & (LANES - 1))] += a[ai + i] * b[bi + i];
    }
}
