package io.github.convnet4j.cpu;

/**
 * The two loops of a depthwise convolution's taps, over long contiguous runs of a plane, with the
 * same bits on every vector width: {@link #axpy} (each element on its own, the product rounded
 * before it is added: no fused multiply-add) and {@link #accumulate}, dot products summed in
 * sixteen fixed lanes: lane {@code j} of a call adds the products at positions
 * {@code i ≡ j (mod 16)} of its range in order; the lanes live in a caller's array across calls and
 * are folded by {@link #reduce} in one fixed tree. This scalar version is the definition;
 * {@link VectorPlaneKernel} computes the same bits with one 512-bit or two 256-bit vectors.
 */
class PlaneKernel {
    /** Lanes per dot. */
    static final int LANES = 16;

    /** The Vector API version when usable, else this scalar one. */
    static PlaneKernel best() { return MicroKernels.planeKernel(); }

    /** {@code y[yi + i] += alpha * x[xi + i]} for i in [0, len). */
    void axpy(float alpha, float[] x, int xi, float[] y, int yi, int len) {
        for (int i = 0; i < len; i++) y[yi + i] += alpha * x[xi + i];
    }

    /** {@code lanes[at + i % 16] += a[ai + i] * b[bi + i]} for i in [0, len), in order of i within each lane. */
    void accumulate(float[] a, int ai, float[] b, int bi, int len, float[] lanes, int at) {
        for (int i = 0; i < len; i++) lanes[at + (i & (LANES - 1))] += a[ai + i] * b[bi + i];
    }

    /** The sixteen lanes at {@code at} folded pairwise: ((l0 + l1) + (l2 + l3)) + ... */
    static float reduce(float[] lanes, int at) {
        float[] l = lanes;
        float s0 = (l[at] + l[at + 1]) + (l[at + 2] + l[at + 3]);
        float s1 = (l[at + 4] + l[at + 5]) + (l[at + 6] + l[at + 7]);
        float s2 = (l[at + 8] + l[at + 9]) + (l[at + 10] + l[at + 11]);
        float s3 = (l[at + 12] + l[at + 13]) + (l[at + 14] + l[at + 15]);
        return (s0 + s1) + (s2 + s3);
    }
}
