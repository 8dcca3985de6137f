package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

import static io.github.convnet4j.backend.ops.OpContract.describe;
import static io.github.convnet4j.backend.ops.OpContract.fail;

/** The contract of {@link DepthwiseConvOps}, stated once: op names, output sizes, the checks of a call. */
public final class DepthwiseConvContract {
    private DepthwiseConvContract() {}

    public static final String FORWARD = "depthwise conv forward";
    public static final String BACKWARD_DATA = "depthwise conv backward data";
    public static final String BACKWARD_FILTER = "depthwise conv backward filter";
    /** The output's axes, as messages name them. */
    private static final String LAYOUT = "N, C*M, P, Q";

    /** Geometry from {@code in (N, C, H, W)} and {@code w (C*M, 1, R, S)}: ranks, M whole, output at least 1x1. */
    public static DepthwiseShape geometry(String device, String op, ConvParams p, String inName, Tensor in, String wName, Tensor w) {
        ConvFamilyContract.operands(device, op, p, inName, in, wName, w, 4);
        int c = in.dim(1);
        if (w.dim(1) != 1 || w.dim(0) % c != 0 || w.dim(0) == 0) {
            throw fail(device, op, describe(wName, w) + " does not fit " + describe(inName, in) + ": expected (C*M, 1, R, S) with C = " + c);
        }
        int outH = p.outputHeight(in.dim(2), w.dim(2));
        int outW = p.outputWidth(in.dim(3), w.dim(3));
        ConvFamilyContract.outputSize(device, op, p, inName, in, wName, w, outH, outW);
        return new DepthwiseShape(p, in.dim(0), c, w.dim(0) / c, in.dim(2), in.dim(3), w.dim(2), w.dim(3), outH, outW);
    }

    /** {@link DepthwiseConvOps#forward}: y (N, C*M, P, Q) apart from x and w; bias (C*M) or null. */
    public static DepthwiseShape forward(String device, ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        return ConvFamilyContract.forward(device, FORWARD, geometry(device, FORWARD, p, "x", x, "w", w), LAYOUT, x, w, bias, y);
    }

    /** {@link DepthwiseConvOps#backwardData}: dy (N, C*M, P, Q) for dx and w; dx apart from dy and w. */
    public static DepthwiseShape backwardData(String device, ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        return ConvFamilyContract.backwardData(device, BACKWARD_DATA, geometry(device, BACKWARD_DATA, p, "dx", dx, "w", w), LAYOUT, dy, w, dx);
    }

    /** {@link DepthwiseConvOps#backwardFilter}: dy (N, C*M, P, Q) for x and dw; dbias (C*M) or null; outputs apart from inputs. */
    public static DepthwiseShape backwardFilter(String device, ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        return ConvFamilyContract.backwardFilter(device, BACKWARD_FILTER, geometry(device, BACKWARD_FILTER, p, "x", x, "dw", dw), LAYOUT,
                x, dy, dw, dbias);
    }
}
