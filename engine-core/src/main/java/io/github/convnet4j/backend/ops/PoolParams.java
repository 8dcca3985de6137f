package io.github.convnet4j.backend.ops;

/**
 * Geometry of a 2-D pooling window. Padded positions never win a max and are excluded from the
 * average's count (Keras semantics; cuDNN's {@code AVERAGE_COUNT_EXCLUDE_PADDING}). A window that
 * covers only padding cannot occur because padding is always smaller than the window.
 */
public record PoolParams(Mode mode, int windowH, int windowW, int strideH, int strideW,
                         int padTop, int padLeft, int padBottom, int padRight) {
    /** Which reduction the window applies. */
    public enum Mode { MAX, AVERAGE }

    public PoolParams {
        if (windowH < 1 || windowW < 1 || strideH < 1 || strideW < 1) throw new IllegalArgumentException("pool window and stride must be >= 1");
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) throw new IllegalArgumentException("padding must be >= 0");
        if (padTop >= windowH || padBottom >= windowH || padLeft >= windowW || padRight >= windowW) {
            throw new IllegalArgumentException("pool padding must be smaller than the window");
        }
    }

    /** Output height for input height {@code h}. */
    public int outputHeight(int h) { return ConvParams.outSize(h, windowH, (long) padTop + padBottom, strideH, 1); }

    /** Output width for input width {@code w}. */
    public int outputWidth(int w) { return ConvParams.outSize(w, windowW, (long) padLeft + padRight, strideW, 1); }
}
