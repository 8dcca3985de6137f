package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * The contract of {@link ConvOps}, stated once: the op names, the output-size formula (through
 * {@link ConvParams}), and every check on the tensors of a call. Each backend calls the method for
 * its op first and gets the {@link ConvShape} to run with; only device-specific checks remain in
 * the backend.
 */
public final class ConvContract {
    private ConvContract() {}

    public static final String FORWARD = "conv forward";
    public static final String BACKWARD_DATA = "conv backward data";
    public static final String BACKWARD_FILTER = "conv backward filter";
    /** The output's axes, as messages name them. */
    private static final String LAYOUT = "N, K, P, Q";

    /** The name of a fused form: {@code "conv forward with fused relu"}. */
    public static String fused(String op, Activation a) {
        return op + " with fused " + (a == null ? "null" : a.keyword());
    }

    /**
     * Geometry from the input-side tensor {@code in (N, C, H, W)} and filters {@code w (K, C, R, S)}:
     * ranks, channels, and an output of at least 1x1.
     */
    public static ConvShape geometry(String device, String op, ConvParams p, String inName, Tensor in, String wName, Tensor w) {
        ConvFamilyContract.operands(device, op, p, inName, in, wName, w, 4);
        ConvFamilyContract.channels(device, op, inName, in, wName, w);
        Shape xs = in.shape(), ws = w.shape();
        int outH = p.outputHeight(xs.dim(2), ws.dim(2));
        int outW = p.outputWidth(xs.dim(3), ws.dim(3));
        ConvFamilyContract.outputSize(device, op, p, inName, in, wName, w, outH, outW);
        return new ConvShape(p, xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), ws.dim(0), ws.dim(2), ws.dim(3), outH, outW);
    }

    /** {@link ConvOps#forward}: x, w, y non-null; bias (K) or null; y (N, K, P, Q) apart from x and w. */
    public static ConvShape forward(String device, String op, ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        return ConvFamilyContract.forward(device, op, geometry(device, op, p, "x", x, "w", w), LAYOUT, x, w, bias, y);
    }

    /** {@link ConvOps#backwardData}: dy (N, K, P, Q) for dx (N, C, H, W) and w; dx apart from dy and w. */
    public static ConvShape backwardData(String device, String op, ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        return ConvFamilyContract.backwardData(device, op, geometry(device, op, p, "dx", dx, "w", w), LAYOUT, dy, w, dx);
    }

    /** {@link ConvOps#backwardFilter}: dy (N, K, P, Q) for x and dw; dbias (K) or null; dw apart from x and dy. */
    public static ConvShape backwardFilter(String device, String op, ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        return ConvFamilyContract.backwardFilter(device, op, geometry(device, op, p, "x", x, "dw", dw), LAYOUT, x, dy, dw, dbias);
    }

    /** The fused backward forms' forward output {@code y}: shaped like dy, and apart from {@code out}. */
    public static void fusedOutput(String device, String op, ConvShape g, Tensor y, String outName, Tensor out) {
        OpContract.notNull(device, op, "y", y);
        if (!g.isOutput(y.shape())) OpContract.shape(device, op, "y", y, g.output(), "the forward output, like dy");
        OpContract.distinct(device, op, outName, out, "y", y);
    }
}
