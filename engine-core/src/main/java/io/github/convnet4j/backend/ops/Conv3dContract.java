package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/** The contract of {@link Conv3dOps}, stated once: op names, output sizes, the checks of a call. */
public final class Conv3dContract {
    private Conv3dContract() {}

    public static final String FORWARD = "conv3d forward";
    public static final String BACKWARD_DATA = "conv3d backward data";
    public static final String BACKWARD_FILTER = "conv3d backward filter";
    /** The output's axes, as messages name them. */
    private static final String LAYOUT = "N, K, OD, OH, OW";

    /** Geometry from {@code in (N, C, D, H, W)} and {@code w (K, C, T, R, S)}: ranks, channels, output at least 1x1x1. */
    public static Conv3dShape geometry(String device, String op, Conv3dParams p, String inName, Tensor in, String wName, Tensor w) {
        ConvFamilyContract.operands(device, op, p, inName, in, wName, w, 5);
        ConvFamilyContract.channels(device, op, inName, in, wName, w);
        int od = p.outputDepth(in.dim(2), w.dim(2)), oh = p.outputHeight(in.dim(3), w.dim(3)), ow = p.outputWidth(in.dim(4), w.dim(4));
        ConvFamilyContract.outputSize(device, op, p, inName, in, wName, w, od, oh, ow);
        return new Conv3dShape(p, in.dim(0), in.dim(1), in.dim(2), in.dim(3), in.dim(4), w.dim(0), w.dim(2), w.dim(3), w.dim(4), od, oh, ow);
    }

    /** {@link Conv3dOps#forward}: y (N, K, OD, OH, OW) apart from x and w; bias (K) or null. */
    public static Conv3dShape forward(String device, Conv3dParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        return ConvFamilyContract.forward(device, FORWARD, geometry(device, FORWARD, p, "x", x, "w", w), LAYOUT, x, w, bias, y);
    }

    /** {@link Conv3dOps#backwardData}: dy (N, K, OD, OH, OW) for dx and w; dx apart from dy and w. */
    public static Conv3dShape backwardData(String device, Conv3dParams p, Tensor dy, Tensor w, Tensor dx) {
        return ConvFamilyContract.backwardData(device, BACKWARD_DATA, geometry(device, BACKWARD_DATA, p, "dx", dx, "w", w), LAYOUT, dy, w, dx);
    }

    /** {@link Conv3dOps#backwardFilter}: dy (N, K, OD, OH, OW) for x and dw; dbias (K) or null; outputs apart from inputs. */
    public static Conv3dShape backwardFilter(String device, Conv3dParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        return ConvFamilyContract.backwardFilter(device, BACKWARD_FILTER, geometry(device, BACKWARD_FILTER, p, "x", x, "dw", dw), LAYOUT,
                x, dy, dw, dbias);
    }
}
