package io.github.convnet4j.cpu;

/**
 * The inner kernel of {@link ConvRows}: an {@code mr x (segments*lanes)} tile of a stride-1
 * convolution laid out as {@code Y (channels, pixels) = A (channels, T) . X (T, pixels)}, where the
 * pixels run along vector lanes. A segment is {@code lanes} consecutive output pixels of one output
 * row, so its input at tap t is {@code lanes} consecutive floats at {@code src[base + colOff[t]]}: a
 * plain vector load, no gather, and the tile is stored straight into the (N, K, P, Q) output.
 * A is packed as mr-row slivers, element (i, t) at {@code a[aOff + t*mr + i]}.
 *
 * <p>Bits: each element is one fused multiply-add chain over t = 0..kc-1 from 0, then stored
 * ({@code accumulate}: added onto Y, one rounding), exactly as {@link GatherKernel} computes it.
 */
interface RowKernel {
    /** Output channels per tile. */
    int mr();

    /** Pixels per segment (the vector length). */
    int lanes();

    /** Segments per tile. */
    int segments();

    /**
     * The kernel for a last tile of {@code rows < mr()} channels, with the same lanes and segments, or
     * null when there is none (then only multiples of mr tile). Default: none.
     */
    default RowKernel tail(int rows) { return null; }

    /**
     * One tile: for segment v with input base {@code bases[v]} and output offset {@code outs[v]},
     * {@code y[outs[v] + i*ldy + l] (+)= sum_t a[aOff + t*mr + i] * src[bases[v] + colOff[col+t] + l]}.
     */
    void multiply(int kc, float[] src, int[] bases, int[] colOff, int col, float[] a, int aOff,
                  float[] y, int[] outs, int ldy, boolean accumulate);
}
