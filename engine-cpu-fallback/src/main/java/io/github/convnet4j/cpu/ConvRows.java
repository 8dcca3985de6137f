package io.github.convnet4j.cpu;

/**
 * Stride-1 implicit-GEMM convolution with the output pixels along the vector lanes:
 * {@code y_n (K, P*Q) = A (K, T) . X_n (T, P*Q)} with A the packed filters and X read in place
 * through a tap-offset table, so each tap is a contiguous vector load and each tile is stored
 * straight into the (N, K, P, Q) output. Against {@link GatherGemm} (pixels as rows, channels
 * along the lanes) it saves the scalar gathers of the input and the transposing scatter of the
 * output, which cost most with few channels (32-channel layers ran at 66-75% of the 64-channel ones).
 *
 * <p>Bits: the inner dimension is cut into the same blocks as {@link GatherGemm} ({@link
 * GatherGemm#blockStart}), each element is the same fused multiply-add chain per block added in the
 * same order, and the bias is added last, so the result is bit-identical to the gather path (and
 * with it to every kernel width and the scalar kernel); tasks are whole images, so the thread count
 * changes nothing either.
 */
final class ConvRows {
    private ConvRows() {}

    /**
     * The row kernel of this JVM's vector width ({@link VectorRows512}, {@link VectorRows256x6}), or null
     * without the Vector API or with {@code -Dconvnet.cpu.convRows=false} (then callers use the gather
     * path, which gives the same bits). Each width has its own, so no second vector shape runs.
     */
    static RowKernel kernel() {
        return Holder.KERNEL;
    }

    private static final class Holder {
        static final RowKernel KERNEL = load();

        private static RowKernel load() {
            int bits = MicroKernels.vectorBits();
            if (bits == 0 || "false".equals(System.getProperty("convnet.cpu.convRows"))) return null;
            String name = bits == 512 ? "VectorRows512" : "VectorRows256x6";
            try {
                return (RowKernel) Class.forName("io.github.convnet4j.cpu." + name).getDeclaredConstructor().newInstance();
            } catch (Throwable t) {
                return null;
            }
        }
    }

    /**
     * Whether an output of {@code channels} planes of {@code rows x cols} pixels tiles exactly:
     * whole register tiles of channels (the last one through {@link RowKernel#tail} where channels is
     * not a multiple of mr), segments that stay inside one output row, and whole tiles of segments in
     * each image (so every tile is written by one task only).
     */
    static boolean fits(RowKernel k, int channels, int rows, int cols) {
        return k != null && (channels % k.mr() == 0 || k.tail(channels % k.mr()) != null) && cols % k.lanes() == 0
                && (rows * cols / k.lanes()) % k.segments() == 0;
    }

    /**
     * The kernel of the channel tile starting at {@code i0}: k, or a tail for the last channels. When
     * mr + 2 channels remain and a 4-row tail exists they go as two tiles of 4: a 2-row tile keeps
     * too few accumulators to hide the FMA latency (it ran at about half speed).
     */
    private static RowKernel tileKernel(RowKernel k, int channels, int i0) {
        int rest = channels - i0;
        if (rest == k.mr() + 2 && k.tail(4) != null) return k.tail(4);
        return rest >= k.mr() ? k : k.tail(rest);
    }

    /**
     * Packs A (channels, T) as slivers of m rows (element (i, t) at {@code dst[i0*T + t*m + i - i0]}
     * for the sliver starting at i0; m is mr, or fewer in the last tiles), T = outer * inner taps,
     * element (i, o*inner + u) read at {@code w[i*strideI + o*strideO + u]}: forward passes (K, C*R*S) as one outer tap, backward data
     * the filters (K, C, R, S) as A[c, (k, r, s)].
     */
    static void packA(RowKernel k, int channels, int outer, int inner, float[] w, int strideI, int strideO, float[] dst) {
        int taps = outer * inner;
        for (int i0 = 0, m; i0 < channels; i0 += m) {
            m = tileKernel(k, channels, i0).mr();
            int d = i0 * taps;
            for (int o = 0; o < outer; o++) {
                for (int u = 0; u < inner; u++) {
                    int src = i0 * strideI + o * strideO + u;
                    for (int i = 0; i < m; i++, src += strideI) dst[d++] = w[src];
                }
            }
        }
    }

    /**
     * Image n of the product: {@code y[(n*channels + ch)*plane + pixel] = sum_t A[ch, t] *
     * src[pixelBase[n*plane + pixel] + colOff[t]]} (+ bias[ch]); pixelBase must give consecutive
     * addresses along each output row. With {@code relu} the ReLU follows the bias ({@link ConvEpilogue}).
     */
    static void image(RowKernel k, int n, int channels, int plane, int taps, float[] src, int[] pixelBase, int[] colOff,
                      float[] packedA, float[] bias, boolean relu, float[] y) {
        int lanes = k.lanes();
        int segs = k.segments();
        int tile = lanes * segs;
        int[] bases = new int[segs];
        int[] outs = new int[segs];
        int blocks = GatherGemm.blocks(taps);
        int image = n * channels * plane;
        for (int k0 = 0, m; k0 < channels; k0 += m) {
            RowKernel tk = tileKernel(k, channels, k0);
            m = tk.mr();
            int aBase = k0 * taps;
            int yBase = image + k0 * plane;
            for (int blk = 0; blk < blocks; blk++) {
                int from = GatherGemm.blockStart(blk, taps);
                int kc = GatherGemm.blockStart(blk + 1, taps) - from;
                for (int p0 = 0; p0 < plane; p0 += tile) {
                    for (int v = 0; v < segs; v++) {
                        bases[v] = pixelBase[n * plane + p0 + v * lanes];
                        outs[v] = yBase + p0 + v * lanes;
                    }
                    tk.multiply(kc, src, bases, colOff, from, packedA, aBase + from * m, y, outs, plane, blk > 0);
                }
            }
        }
        ConvEpilogue.image(y, n, channels, plane, bias, relu);
    }
}
