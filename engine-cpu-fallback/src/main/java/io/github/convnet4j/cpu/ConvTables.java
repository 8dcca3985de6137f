package io.github.convnet4j.cpu;

import java.util.HashMap;
import java.util.Map;

/**
 * Index tables of the implicit-GEMM convolutions, cached per geometry so a training step builds
 * none after its first. Tables are padded with copies of their last entry to a multiple of
 * {@link #PAD} (a multiple of every kernel's mr) plus PAD more, so a last, partial register tile
 * reads valid memory even when its row range does not start on a multiple of mr.
 */
final class ConvTables {
    /** Every table length is a multiple of this (12: mr is 6 for the vector kernels, 4 for the scalar one). */
    static final int PAD = 12;
    private static final int MAX_ENTRIES = 64;

    private record Key(ConvGeometry g, int kind, int planeStride, int rowStride, int imageStride) {}

    private static final int TAPS = 0;
    private static final int PIXELS = 1;
    private static final int FLIPPED_TAPS = 2;
    private static final int INPUT_PIXELS = 3;
    private static final int STRIDED = 4;

    private final Map<Key, int[]> cache = new HashMap<>();

    /**
     * Offset of filter tap (c, r, s), in that order, in an input laid out with the given plane and
     * row strides: {@code c*planeStride + r*dh*rowStride + s*dw}. C*R*S entries (then padding).
     */
    int[] tapOffsets(ConvGeometry g, int planeStride, int rowStride) {
        return get(new Key(g, TAPS, planeStride, rowStride, 0));
    }

    /**
     * Offset of the first input element (top-left tap) of output pixel (n, p, q), in that order:
     * {@code n*imageStride + p*sh*rowStride + q*sw}. N*P*Q entries (then padding).
     */
    int[] pixelBases(ConvGeometry g, int rowStride, int imageStride) {
        return get(new Key(g, PIXELS, 0, rowStride, imageStride));
    }

    /**
     * For backward data as a convolution of the padded output gradient: the offset of tap (k, r, s),
     * in that order, flipped: {@code k*planeStride + (R-1-r)*dh*rowStride + (S-1-s)*dw}.
     */
    int[] flippedTapOffsets(ConvGeometry g, int planeStride, int rowStride) {
        return get(new Key(g, FLIPPED_TAPS, planeStride, rowStride, 0));
    }

    /** Offset of input pixel (n, h, w), in that order: {@code n*imageStride + h*rowStride + w}. N*H*W entries. */
    int[] inputPixelBases(ConvGeometry g, int rowStride, int imageStride) {
        return get(new Key(g, INPUT_PIXELS, 0, rowStride, imageStride));
    }

    /**
     * {@code o*stride + i} for {@code o < outer}, {@code i < inner}, in that order: e.g. the output
     * pixels of a batch in (N, K, P*Q) (outer N, stride K*P*Q, inner P*Q), or channel offsets.
     */
    int[] strided(int outer, int stride, int inner) {
        return get(new Key(null, STRIDED, outer, stride, inner));
    }

    private int[] get(Key key) {
        int[] t = cache.get(key);
        if (t == null) {
            if (cache.size() >= MAX_ENTRIES) cache.clear();
            t = build(key);
            cache.put(key, t);
        }
        return t;
    }

    private static int[] build(Key key) {
        if (key.kind() == STRIDED) return stridedTable(key.planeStride(), key.rowStride(), key.imageStride());
        ConvGeometry g = key.g();
        int count = switch (key.kind()) {
            case TAPS -> g.crs();
            case FLIPPED_TAPS -> g.k() * g.r() * g.s();
            case PIXELS -> g.n() * g.pq();
            default -> g.n() * g.h() * g.w();
        };
        int[] t = new int[Sgemm.roundUp(count, PAD) + PAD];
        int i = 0;
        switch (key.kind()) {
            case TAPS -> {
                for (int c = 0; c < g.c(); c++) {
                    for (int r = 0; r < g.r(); r++) {
                        for (int s = 0; s < g.s(); s++) {
                            t[i++] = c * key.planeStride() + r * g.dilationH() * key.rowStride() + s * g.dilationW();
                        }
                    }
                }
            }
            case FLIPPED_TAPS -> {
                for (int k = 0; k < g.k(); k++) {
                    for (int r = 0; r < g.r(); r++) {
                        for (int s = 0; s < g.s(); s++) {
                            t[i++] = k * key.planeStride() + (g.r() - 1 - r) * g.dilationH() * key.rowStride()
                                    + (g.s() - 1 - s) * g.dilationW();
                        }
                    }
                }
            }
            case PIXELS -> {
                for (int n = 0; n < g.n(); n++) {
                    for (int p = 0; p < g.p(); p++) {
                        for (int q = 0; q < g.q(); q++) {
                            t[i++] = n * key.imageStride() + p * g.strideH() * key.rowStride() + q * g.strideW();
                        }
                    }
                }
            }
            default -> {
                for (int n = 0; n < g.n(); n++) {
                    for (int h = 0; h < g.h(); h++) {
                        for (int w = 0; w < g.w(); w++) t[i++] = n * key.imageStride() + h * key.rowStride() + w;
                    }
                }
            }
        }
        for (; i < t.length; i++) t[i] = t[count - 1];
        return t;
    }

    private static int[] stridedTable(int outer, int stride, int inner) {
        int count = outer * inner;
        int[] t = new int[Sgemm.roundUp(count, PAD) + PAD];
        int i = 0;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) t[i++] = o * stride + j;
        }
        for (; i < t.length; i++) t[i] = t[count - 1];
        return t;
    }
}
