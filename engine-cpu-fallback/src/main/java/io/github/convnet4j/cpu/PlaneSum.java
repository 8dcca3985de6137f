package io.github.convnet4j.cpu;

/**
 * The sum of a bias plane in double, for bias gradients: {@link #CHAINS} interleaved chains (element
 * i of the run in chain i mod CHAINS) added in a fixed pairwise order at the end. One chain was bound
 * by the latency of the add (2 ms on keras-mnist's first layer). {@link VectorPlaneSum} runs the
 * same chains in vector lanes: the same bits.
 */
class PlaneSum {
    /** Interleaved partial sums of a bias plane. */
    static final int CHAINS = 8;

    /** The vector version when usable, else this one. */
    static final PlaneSum BEST = MicroKernels.planeSum();

    /** Sum of {@code v[from .. from+len)} in double, in CHAINS interleaved chains added pairwise. */
    double sum(float[] v, int from, int len) {
        return finish(v, from, from + len, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Continues the chains {@code s0..s7} over {@code v[i .. end)} (i - from a multiple of CHAINS), then adds them. */
    static double finish(float[] v, int i, int end, double s0, double s1, double s2, double s3, double s4, double s5, double s6,
                         double s7) {
        for (; i + CHAINS <= end; i += CHAINS) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
            s4 += v[i + 4];
            s5 += v[i + 5];
            s6 += v[i + 6];
            s7 += v[i + 7];
        }
        if (i < end) s0 += v[i++];
        if (i < end) s1 += v[i++];
        if (i < end) s2 += v[i++];
        if (i < end) s3 += v[i++];
        if (i < end) s4 += v[i++];
        if (i < end) s5 += v[i++];
        if (i < end) s6 += v[i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
