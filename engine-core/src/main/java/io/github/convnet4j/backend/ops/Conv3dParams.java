package io.github.convnet4j.backend.ops;

/**
 * Geometry of a 3-D cross-correlation over {@code (D, H, W)}: strides, padding before and after on
 * each axis, dilations. Output size per axis, as in {@link ConvParams}:
 * {@code floor((n + before + after - dilation*(k-1) - 1) / stride) + 1}.
 */
public record Conv3dParams(int strideD, int strideH, int strideW,
                           int padFront, int padTop, int padLeft, int padBack, int padBottom, int padRight,
                           int dilationD, int dilationH, int dilationW) {
    public Conv3dParams {
        if (strideD < 1 || strideH < 1 || strideW < 1) throw new IllegalArgumentException("stride must be >= 1");
        if (dilationD < 1 || dilationH < 1 || dilationW < 1) throw new IllegalArgumentException("dilation must be >= 1");
        if (padFront < 0 || padTop < 0 || padLeft < 0 || padBack < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("padding must be >= 0");
        }
    }

    /** Symmetric padding, stride and dilation equal on all axes. */
    public static Conv3dParams of(int stride, int pad, int dilation) {
        return new Conv3dParams(stride, stride, stride, pad, pad, pad, pad, pad, pad, dilation, dilation, dilation);
    }

    public int outputDepth(int d, int t) { return ConvParams.outSize(d, t, padFront + padBack, strideD, dilationD); }

    public int outputHeight(int h, int r) { return ConvParams.outSize(h, r, padTop + padBottom, strideH, dilationH); }

    public int outputWidth(int w, int s) { return ConvParams.outSize(w, s, padLeft + padRight, strideW, dilationW); }

    /** Whether each axis pads the same before and after (what cuDNN expresses directly). */
    public boolean symmetricPadding() { return padFront == padBack && padTop == padBottom && padLeft == padRight; }
}
