package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;

/**
 * The 2-D window settings the convolution layers beyond {@link Conv2D} share: {@code kernel_size}
 * (int or [h, w]), {@code strides} (1), {@code padding} ("valid" | "same" | explicit amounts) and
 * {@code dilation_rate} (1), with Keras's meaning, and the output size they give.
 */
record ConvWindow(int[] kernel, int[] strides, Padding padding, int[] dilation) {
    static ConvWindow read(LayerConfig c) {
        int[] kernel = c.requiredPair("kernel_size", 1);
        int[] strides = c.optionalPair("strides", new int[] {1, 1}, 1);
        Padding padding = Padding.parse(c, "padding", true);
        int[] dilation = c.optionalPair("dilation_rate", new int[] {1, 1}, 1);
        return new ConvWindow(kernel, strides, padding, dilation);
    }

    /** Taps of one filter plane, {@code kh*kw}. */
    int taps() { return kernel[0] * kernel[1]; }

    /** The geometry for an input (C, H, W). */
    ConvParams params(Shape input) {
        int[] p = padding.resolve(input.dim(1), input.dim(2), kernel[0], kernel[1], strides[0], strides[1], dilation[0], dilation[1]);
        return new ConvParams(strides[0], strides[1], p[0], p[1], p[2], p[3], dilation[0], dilation[1]);
    }

    /** {@code {P, Q}} for an input (C, H, W), or the layer's shape error when the input is too small. */
    int[] outputSize(Shape input, AbstractLayer layer) {
        ConvParams p = params(input);
        int outH = p.outputHeight(input.dim(1), kernel[0]);
        int outW = p.outputWidth(input.dim(2), kernel[1]);
        if (outH <= 0 || outW <= 0) {
            String k = kernel[0] + "×" + kernel[1];
            String extra = (dilation[0] > 1 || dilation[1] > 1 ? " with dilation " + dilation[0] + "×" + dilation[1] : "")
                    + (p.padTop() + p.padBottom() + p.padLeft() + p.padRight() > 0 ? " after padding" : "");
            throw layer.shapeError("input " + input + " is smaller than the " + k + " kernel" + extra);
        }
        return new int[] {outH, outW};
    }
}
