package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import static io.github.convnet4j.backend.ops.OpContract.describe;
import static io.github.convnet4j.backend.ops.OpContract.fail;

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

    /** The name of a fused form: {@code "conv forward with fused relu"}. */
    public static String fused(String op, Activation a) {
        return op + " with fused " + (a == null ? "null" : a.keyword());
    }

    /**
     * Geometry from the input-side tensor {@code in (N, C, H, W)} and filters {@code w (K, C, R, S)}:
     * ranks, channels, and an output of at least 1x1.
     */
    public static ConvShape geometry(String device, String op, ConvParams p, String inName, Tensor in, String wName, Tensor w) {
        OpContract.params(device, op, p);
        OpContract.notNull(device, op, inName, in);
        OpContract.notNull(device, op, wName, w);
        OpContract.rank(device, op, inName, in, 4);
        OpContract.rank(device, op, wName, w, 4);
        Shape xs = in.shape(), ws = w.shape();
        if (ws.dim(1) != xs.dim(1)) {
            throw fail(device, op, describe(wName, w) + " does not match " + describe(inName, in) + ": channels " + ws.dim(1) + " != " + xs.dim(1));
        }
        int outH = p.outputHeight(xs.dim(2), ws.dim(2));
        int outW = p.outputWidth(xs.dim(3), ws.dim(3));
        if (outH <= 0 || outW <= 0) {
            throw fail(device, op, describe(inName, in) + " is too small for " + describe(wName, w) + " with " + p
                    + ": output would be " + outH + "x" + outW);
        }
        return new ConvShape(p, xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), ws.dim(0), ws.dim(2), ws.dim(3), outH, outW);
    }

    /** {@link ConvOps#forward}: x, w, y non-null; bias (K) or null; y (N, K, P, Q) apart from x and w. */
    public static ConvShape forward(String device, String op, ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        ConvShape g = geometry(device, op, p, "x", x, "w", w);
        OpContract.notNull(device, op, "y", y);
        if (!g.isOutput(y.shape())) OpContract.shapeFor(device, op, "y", y, g.output(), "N, K, P, Q", "x", x, "w", w);
        if (bias != null) OpContract.vectorFor(device, op, "bias", bias, g.k(), "one per filter of", "w", w);
        OpContract.distinct(device, op, "y", y, "x", x);
        OpContract.distinct(device, op, "y", y, "w", w);
        return g;
    }

    /** {@link ConvOps#backwardData}: dy (N, K, P, Q) for dx (N, C, H, W) and w; dx apart from dy and w. */
    public static ConvShape backwardData(String device, String op, ConvParams p, Tensor dy, Tensor w, Tensor dx) {
        ConvShape g = geometry(device, op, p, "dx", dx, "w", w);
        OpContract.notNull(device, op, "dy", dy);
        if (!g.isOutput(dy.shape())) OpContract.shapeFor(device, op, "dy", dy, g.output(), "N, K, P, Q", "dx", dx, "w", w);
        OpContract.distinct(device, op, "dx", dx, "dy", dy);
        OpContract.distinct(device, op, "dx", dx, "w", w);
        return g;
    }

    /** {@link ConvOps#backwardFilter}: dy (N, K, P, Q) for x and dw; dbias (K) or null; dw apart from x and dy. */
    public static ConvShape backwardFilter(String device, String op, ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        ConvShape g = geometry(device, op, p, "x", x, "dw", dw);
        OpContract.notNull(device, op, "dy", dy);
        if (!g.isOutput(dy.shape())) OpContract.shapeFor(device, op, "dy", dy, g.output(), "N, K, P, Q", "x", x, "dw", dw);
        if (dbias != null) OpContract.vectorFor(device, op, "dbias", dbias, g.k(), "one per filter of", "dw", dw);
        OpContract.distinct(device, op, "dw", dw, "x", x);
        OpContract.distinct(device, op, "dw", dw, "dy", dy);
        OpContract.distinct(device, op, "dbias", dbias, "dy", dy);
        return g;
    }

    /** The fused backward forms' forward output {@code y}: shaped like dy, and apart from {@code out}. */
    public static void fusedOutput(String device, String op, ConvShape g, Tensor y, String outName, Tensor out) {
        OpContract.notNull(device, op, "y", y);
        if (!g.isOutput(y.shape())) OpContract.shape(device, op, "y", y, g.output(), "the forward output, like dy");
        OpContract.distinct(device, op, outName, out, "y", y);
    }
}
