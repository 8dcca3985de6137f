package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

import static io.github.convnet4j.backend.ops.OpContract.describe;
import static io.github.convnet4j.backend.ops.OpContract.fail;

/** The contract of {@link Conv3dOps}, stated once: op names, output sizes, the checks of a call. */
public final class Conv3dContract {
    private Conv3dContract() {}

    public static final String FORWARD = "conv3d forward";
    public static final String BACKWARD_DATA = "conv3d backward data";
    public static final String BACKWARD_FILTER = "conv3d backward filter";

    /** Geometry from {@code in (N, C, D, H, W)} and {@code w (K, C, T, R, S)}: ranks, channels, output at least 1x1x1. */
    public static Conv3dShape geometry(String device, String op, Conv3dParams p, String inName, Tensor in, String wName, Tensor w) {
        OpContract.params(device, op, p);
        OpContract.notNull(device, op, inName, in);
        OpContract.notNull(device, op, wName, w);
        OpContract.rank(device, op, inName, in, 5);
        OpContract.rank(device, op, wName, w, 5);
        if (w.dim(1) != in.dim(1)) {
            throw fail(device, op, describe(wName, w) + " does not match " + describe(inName, in) + ": channels " + w.dim(1) + " != " + in.dim(1));
        }
        int od = p.outputDepth(in.dim(2), w.dim(2)), oh = p.outputHeight(in.dim(3), w.dim(3)), ow = p.outputWidth(in.dim(4), w.dim(4));
        if (od <= 0 || oh <= 0 || ow <= 0) {
            throw fail(device, op, describe(inName, in) + " is too small for " + describe(wName, w) + " with " + p
                    + ": output would be " + od + "x" + oh + "x" + ow);
        }
        return new Conv3dShape(p, in.dim(0), in.dim(1), in.dim(2), in.dim(3), in.dim(4), w.dim(0), w.dim(2), w.dim(3), w.dim(4), od, oh, ow);
    }

    /** {@link Conv3dOps#forward}: y (N, K, OD, OH, OW) apart from x and w; bias (K) or null. */
    public static Conv3dShape forward(String device, Conv3dParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        String op = FORWARD;
        Conv3dShape g = geometry(device, op, p, "x", x, "w", w);
        OpContract.notNull(device, op, "y", y);
        OpContract.shapeFor(device, op, "y", y, g.output(), "N, K, OD, OH, OW", "x", x, "w", w);
        if (bias != null) OpContract.vectorFor(device, op, "bias", bias, g.k(), "one per filter of", "w", w);
        OpContract.distinct(device, op, "y", y, "x", x);
        OpContract.distinct(device, op, "y", y, "w", w);
        return g;
    }

    /** {@link Conv3dOps#backwardData}: dy (N, K, OD, OH, OW) for dx and w; dx apart from dy and w. */
    public static Conv3dShape backwardData(String device, Conv3dParams p, Tensor dy, Tensor w, Tensor dx) {
        String op = BACKWARD_DATA;
        Conv3dShape g = geometry(device, op, p, "dx", dx, "w", w);
        OpContract.notNull(device, op, "dy", dy);
        OpContract.shapeFor(device, op, "dy", dy, g.output(), "N, K, OD, OH, OW", "dx", dx, "w", w);
        OpContract.distinct(device, op, "dx", dx, "dy", dy);
        OpContract.distinct(device, op, "dx", dx, "w", w);
        return g;
    }

    /** {@link Conv3dOps#backwardFilter}: dy (N, K, OD, OH, OW) for x and dw; dbias (K) or null; outputs apart from inputs. */
    public static Conv3dShape backwardFilter(String device, Conv3dParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        String op = BACKWARD_FILTER;
        Conv3dShape g = geometry(device, op, p, "x", x, "dw", dw);
        OpContract.notNull(device, op, "dy", dy);
        OpContract.shapeFor(device, op, "dy", dy, g.output(), "N, K, OD, OH, OW", "x", x, "dw", dw);
        if (dbias != null) OpContract.vectorFor(device, op, "dbias", dbias, g.k(), "one per filter of", "dw", dw);
        OpContract.distinct(device, op, "dw", dw, "x", x);
        OpContract.distinct(device, op, "dw", dw, "dy", dy);
        OpContract.distinct(device, op, "dbias", dbias, "dy", dy);
        return g;
    }
}
