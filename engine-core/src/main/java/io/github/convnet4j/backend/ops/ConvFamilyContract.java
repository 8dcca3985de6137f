package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

import static io.github.convnet4j.backend.ops.OpContract.describe;
import static io.github.convnet4j.backend.ops.OpContract.fail;

/**
 * The checks {@link ConvContract}, {@link Conv3dContract} and {@link DepthwiseConvContract} share,
 * written once: the operands a geometry is read from, the output of at least one element per axis,
 * and the tensors of each pass against the output shape the geometry gives. {@code layout} names
 * that output's axes in messages, e.g. {@code "N, K, P, Q"}; {@code k} is its channel count.
 */
final class ConvFamilyContract {
    private ConvFamilyContract() {}

    /** Parameters present; {@code in} and {@code w} present with the given rank. */
    static void operands(String device, String op, Object p, String inName, Tensor in, String wName, Tensor w, int rank) {
        OpContract.params(device, op, p);
        OpContract.notNull(device, op, inName, in);
        OpContract.notNull(device, op, wName, w);
        OpContract.rank(device, op, inName, in, rank);
        OpContract.rank(device, op, wName, w, rank);
    }

    /** Filters {@code w (K, C, ...)} for an input {@code in (N, C, ...)}: the same C. */
    static void channels(String device, String op, String inName, Tensor in, String wName, Tensor w) {
        if (w.dim(1) != in.dim(1)) {
            throw fail(device, op, describe(wName, w) + " does not match " + describe(inName, in) + ": channels " + w.dim(1) + " != " + in.dim(1));
        }
    }

    /** Every output size in {@code out} (depth, height, width, as the family has them) at least 1. */
    static void outputSize(String device, String op, Object p, String inName, Tensor in, String wName, Tensor w, int... out) {
        boolean empty = false;
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < out.length; i++) {
            empty |= out[i] <= 0;
            sizes.append(i == 0 ? "" : "x").append(out[i]);
        }
        if (empty) {
            throw fail(device, op, describe(inName, in) + " is too small for " + describe(wName, w) + " with " + p
                    + ": output would be " + sizes);
        }
    }

    /** A forward pass with geometry g: y present, shaped {@code g.output()}; bias (k) or null; y apart from x and w. Returns g. */
    static <G extends ConvFamilyShape> G forward(String device, String op, G g, String layout, Tensor x, Tensor w, Tensor bias, Tensor y) {
        outputSized(device, op, g, layout, "y", y, "x", x, "w", w);
        perFilter(device, op, "bias", bias, g.k(), "w", w);
        OpContract.distinct(device, op, "y", y, "x", x);
        OpContract.distinct(device, op, "y", y, "w", w);
        return g;
    }

    /** A backward-data pass with geometry g: dy present, shaped {@code g.output()}; dx apart from dy and w. Returns g. */
    static <G extends ConvFamilyShape> G backwardData(String device, String op, G g, String layout, Tensor dy, Tensor w, Tensor dx) {
        outputSized(device, op, g, layout, "dy", dy, "dx", dx, "w", w);
        OpContract.distinct(device, op, "dx", dx, "dy", dy);
        OpContract.distinct(device, op, "dx", dx, "w", w);
        return g;
    }

    /** A backward-filter pass with geometry g: dy present, shaped {@code g.output()}; dbias (k) or null; outputs apart from inputs. Returns g. */
    static <G extends ConvFamilyShape> G backwardFilter(String device, String op, G g, String layout, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
        outputSized(device, op, g, layout, "dy", dy, "x", x, "dw", dw);
        perFilter(device, op, "dbias", dbias, g.k(), "dw", dw);
        OpContract.distinct(device, op, "dw", dw, "x", x);
        OpContract.distinct(device, op, "dw", dw, "dy", dy);
        OpContract.distinct(device, op, "dbias", dbias, "dy", dy);
        return g;
    }

    /** {@code t} (y or dy) present and shaped {@code g.output()}, which the input-side tensor and the filters give. */
    private static void outputSized(String device, String op, ConvFamilyShape g, String layout, String name, Tensor t,
                                    String inName, Tensor in, String wName, Tensor w) {
        OpContract.notNull(device, op, name, t);
        // The message is built only on failure: these checks run on every training step.
        if (!g.isOutput(t.shape())) OpContract.shapeFor(device, op, name, t, g.output(), layout, inName, in, wName, w);
    }

    /** A bias or its gradient, when given: one value per filter of {@code w}. */
    private static void perFilter(String device, String op, String name, Tensor b, int k, String wName, Tensor w) {
        if (b != null) OpContract.vectorFor(device, op, name, b, k, "one per filter of", wName, w);
    }
}
