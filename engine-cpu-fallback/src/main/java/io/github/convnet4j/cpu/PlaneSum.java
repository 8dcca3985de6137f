package io.github.convnet4j.cpu;

/**
 * Sums over a plane in double, for bias gradients and batch-norm statistics: {@link #CHAINS} interleaved
 * chains (element i of the run in chain i mod CHAINS) added in a fixed pairwise order at the end.
 * One chain is bound by the latency of the add (2 ms on keras-mnist's first layer; batch norm's
 * statistics ran at about 4 cycles an element).
 *
 * <p>Scalar on purpose. A Vector API version (the chains as the lanes of double vectors, the same
 * bits) was 3.6x faster alone, but its float-to-double conversions and double vectors made the
 * Vector API's shared code polymorphic in some JVMs, and C2 then left the convolution kernels
 * boxed for the whole run: resnet-small at 44-50 img/s and 1.74-1.96 GB in those processes against
 * 58-69 img/s and 1.45-1.50 GB in the others (see {@link MicroKernels#vectorBits}: one vector shape
 * and element type per JVM).
 */
final class PlaneSum {
    private PlaneSum() {}

    /** Interleaved partial sums of a plane. */
    static final int CHAINS = 8;

    /** Sum of {@code v[from .. from+len)}. */
    static double sum(float[] v, int from, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        int end = from + len;
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

    /** Sum of {@code d * d}, {@code d = v[i] - mean} in double, over {@code v[from .. from+len)}, in the chains of {@link #sum}. */
    static double sumSquares(float[] v, int from, int len, double mean) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        int end = from + len;
        for (; i + CHAINS <= end; i += CHAINS) {
            s0 += square(v[i] - mean);
            s1 += square(v[i + 1] - mean);
            s2 += square(v[i + 2] - mean);
            s3 += square(v[i + 3] - mean);
            s4 += square(v[i + 4] - mean);
            s5 += square(v[i + 5] - mean);
            s6 += square(v[i + 6] - mean);
            s7 += square(v[i + 7] - mean);
        }
        if (i < end) s0 += square(v[i++] - mean);
        if (i < end) s1 += square(v[i++] - mean);
        if (i < end) s2 += square(v[i++] - mean);
        if (i < end) s3 += square(v[i++] - mean);
        if (i < end) s4 += square(v[i++] - mean);
        if (i < end) s5 += square(v[i++] - mean);
        if (i < end) s6 += square(v[i] - mean);
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static double square(double d) { return d * d; }
}
