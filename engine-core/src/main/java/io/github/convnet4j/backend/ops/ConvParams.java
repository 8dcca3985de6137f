package io.github.convnet4j.backend.ops;

/**
 * Geometry of a 2-D cross-correlation (what deep-learning frameworks call convolution).
 * Padding may be asymmetric (Keras {@code same} with an even kernel pads more at the bottom/right).
 * Output size per axis: {@code floor((n + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1}.
 */
public record ConvParams(int strideH, int strideW,
                         int padTop, int padLeft, int padBottom, int padRight,
                         int dilationH, int dilationW) {
    public ConvParams {
        if (strideH < 1 || strideW < 1) throw new IllegalArgumentException("stride must be >= 1, got " + strideH + "x" + strideW);
        if (dilationH < 1 || dilationW < 1) throw new IllegalArgumentException("dilation must be >= 1, got " + dilationH + "x" + dilationW);
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) throw new IllegalArgumentException("padding must be >= 0");
    }

    /** Symmetric padding, stride and dilation equal on both axes. */
    public static ConvParams of(int stride, int pad, int dilation) {
        return new ConvParams(stride, stride, pad, pad, pad, pad, dilation, dilation);
    }

    /** Output height for input height {@code h} and kernel height {@code r}; may be &lt;= 0 when the input is too small. */
    public int outputHeight(int h, int r) { return outSize(h, r, (long) padTop + padBottom, strideH, dilationH); }

    /** Output width for input width {@code w} and kernel width {@code s}; may be &lt;= 0 when the input is too small. */
    public int outputWidth(int w, int s) { return outSize(w, s, (long) padLeft + padRight, strideW, dilationW); }

    /** Whether top == bottom and left == right (what cuDNN can express directly). */
    public boolean symmetricPadding() { return padTop == padBottom && padLeft == padRight; }

    /**
     * Exact: computed in long (a dilation or padding near 2^31 once wrapped to a plausible size).
     *
     * @throws IllegalArgumentException when the output size does not fit an int
     */
    static int outSize(int n, int k, long pads, int stride, int dilation) {
        long span = n + pads - (long) dilation * (k - 1) - 1;
        if (span < 0) return 0;
        long out = span / stride + 1;
        if (out > Integer.MAX_VALUE) throw new IllegalArgumentException("the output size " + out + " is larger than 2^31 - 1");
        return (int) out;
    }
}
