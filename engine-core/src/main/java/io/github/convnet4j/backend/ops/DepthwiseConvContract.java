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

    /** Geometry from {@code in (N, C, H, W)} and {@code w (C*M, 1, R, S)}: ranks, M whole, output at least 1x1. */
    public static DepthwiseShape geometry(String device, String op, ConvParams p, String inName, Tensor in, String wName, Tensor w) {
        OpContract.params(device, op, p);
        OpContract.notNull(device, op, inName, in);
        OpContract.notNull(device, op, wName, w);
        OpContract.rank(device, op, inName, in, 4);
        OpContract.rank(device, op, wName, w, 4);
        int c = in.dim(1);
        if (w.dim(1) != 1 || w.dim(0) % c != 0 || w.dim(0) == 0) {
            throw fail(device, op, describe(wName, w) + " does not fit " + describe(inName, in) + ": expected (C*M, 1, R, S) with C = " + c);
        }
        int outH = p.outputHeight(in.dim(2), w.dim(2));
        int outW = p.outputWidth(in.dim(3), w.dim(3));
        if (outH <= 0 || outW <= 0) {
            throw fail(device, op, describe(inName, in) + " is too small for " + describe(wName, w) + " with " + p
                    + ": output would be " + outH + "x" + outW);
        }
        return new DepthwiseShape(p, in.dim(0), c, w.dim(0) / c, in.dim(2), in.dim(3), w.dim(2), w.dim(3), outH, outW);
    }

    /** {@link DepthwiseConvOps#forward}: y (N, C*M, P, Q) apart from x and w; bias (C*M) or null. */
    public static DepthwiseShape forward(String device, ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = FORWARD;
        DepthwiseShape g = geometry(device, op, p, "x", x, "w", w);
        OpContract.notNull(device, op, "y", y);
        OpContract.shapeFor(device, op, "y", y, g.output(), "N, C*M, P, Q", "x", x, "w", w);
        if (bias != null) OpContract.vectorFor(device, op, "bias", bias, g.k(), "one per filter of", "w", w);
        OpContract.distinct(device, op, "y", y, "x", x);
        OpContract.distinct(device, op, "y", y, "w", w);
        return g;
    }

    /** {@link DepthwiseConvOps#backwardData}: dy (N, C*M, P, Q) for dx and w; dx apart from dy and w. */
    public static DepthwiseShape backwardData(String device, ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        String op = BACKWARD_DATA;
        DepthwiseShape g = geometry(device, op, p, "dx", dx, "w", w);
        OpContract.notNull(device, op, "dy", dy);
        OpContract.shapeFor(device, op, "dy", dy, g.output(), "N, C*M, P, Q", "dx", dx, "w", w);
        OpContract.distinct(device, op, "dx", dx, "dy", dy);
        OpContract.distinct(device, op, "dx", dx, "w", w);
        return g;
    }

    /** {@link DepthwiseConvOps#backwardFilter}: dy (N, C*M, P, Q) for x and dw; dbias (C*M) or null; outputs apart from inputs. */
    public static DepthwiseShape backwardFilter(String device, ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = BACKWARD_FILTER;
        DepthwiseShape g = geometry(device, op, p, "x", x, "dw", dw);
        OpContract.notNull(device, op, "dy", dy);
        OpContract.shapeFor(device, op, "dy", dy, g.output(), "N, C*M, P, Q", "x", x, "dw", dw);
        if (dbias != null) OpContract.vectorFor(device, op, "dbias", dbias, g.k(), "one per filter of", "dw", dw);
        OpContract.distinct(device, op, "dw", dw, "x", x);
        OpContract.distinct(device, op, "dw", dw, "dy", dy);
        OpContract.distinct(device, op, "dbias", dbias, "dy", dy);
        return g;
    }
}
