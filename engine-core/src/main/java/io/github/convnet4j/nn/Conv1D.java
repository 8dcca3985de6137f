package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * 1-D convolution (Keras {@code Conv1D}) on sequences {@code (N, C, L)} into {@code (N, F, Lo)}. It
 * runs as the 2-D convolution of the views {@code (N, C, 1, L)} and kernel {@code (F, C, 1, K)}:
 * with a height of 1 and a 1-tall kernel the two are the same sum term by term, so every backend's
 * convolution serves it. Kernel {@code (F, C, K)} named {@code <layer>/kernel} (PyTorch's
 * {@code Conv1d} layout) and bias {@code (F)}: {@code F*C*K + F} parameters.
 *
 * <p>Config: {@code filters}, {@code kernel_size}, {@code strides} (1), {@code padding}
 * ("valid" | "same" | "causal" | int | [left, right]), {@code dilation_rate} (1), {@code use_bias}
 * (true), {@code activation} ("linear"), {@code kernel_initializer} ("glorot_uniform"),
 * {@code bias_initializer} ("zeros"), {@code kernel_regularizer} / {@code bias_regularizer}.
 */
public final class Conv1D extends ConvolutionLayer<ConvParams> {
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int dilation;
    private final Object padding;

    public Conv1D(String name, LayerConfig c) {
        super("Conv1D", name, c);
        filters = c.requiredInt("filters", 1);
        kernel = c.requiredInt("kernel_size", 1);
        stride = c.optionalInt("strides", 1, 1);
        dilation = c.optionalInt("dilation_rate", 1, 1);
        padding = Padding1D.parse(c, "padding", true);
        readOptions(c, "kernel");
    }

    /** The 2-D geometry of the {@code (N, C, 1, L)} view for an input {@code (C, L)}. */
    @Override public ConvParams convParams(Shape input) { return params(input.dim(1)); }

    /** The 2-D geometry of the {@code (N, C, 1, L)} view: the width axis carries the sequence. */
    public ConvParams params(int length) {
        int[] p = Padding1D.resolve(padding, length, kernel, stride, dilation);
        return new ConvParams(1, stride, 0, p[0], 0, p[1], 1, dilation);
    }

    @Override public Shape outputShape(Shape input) {
        Padding1D.requireSequence(this, input);
        int out = params(input.dim(1)).outputWidth(input.dim(1), kernel);
        if (out <= 0) throw shapeError("input " + input + " is shorter than the kernel of " + kernel
                + (dilation > 1 ? " with dilation " + dilation : ""));
        return Shape.of(filters, out);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0);
        return options().kernelAndBias(Shape.of(filters, c, kernel), filters, c * kernel, filters * kernel);
    }

    /** {@code (N, C, L)} as {@code (N, C, 1, L)}. */
    static Tensor asImage(Tensor t) { return t.reshape(Shape.of(t.dim(0), t.dim(1), 1, t.dim(2))); }

    private Tensor kernelView(Tensor k) { return k.reshape(Shape.of(filters, inputShape.dim(0), 1, kernel)); }

    @Override void convolve(Tensor x, Tensor z) {
        backend.conv().forward(params(), asImage(x), kernelView(param("kernel")), param("bias"), asImage(z));
    }

    @Override void filterGradient(Tensor x, Tensor dz) {
        backend.conv().backwardFilter(params(), asImage(x), asImage(dz), kernelView(paramGrad("kernel")), paramGrad("bias"));
    }

    @Override void inputGradient(Tensor dz, Tensor dx) {
        backend.conv().backwardData(params(), asImage(dz), kernelView(param("kernel")), asImage(dx));
    }

    /** Padding of one axis as written for the 1-D layers: a keyword, an int, or [before, after]. */
    static final class Padding1D {
        private Padding1D() {}

        static Object parse(LayerConfig c, String key, boolean allowCausal) {
            Object v = c.raw(key);
            if (v == null) return "valid";
            if (v instanceof String s) {
                String k = s.toLowerCase(Locale.ROOT);
                if (k.equals("valid") || k.equals("same") || (allowCausal && k.equals("causal"))) return k;
                throw new IllegalArgumentException("key '" + key + "' must be \"valid\", \"same\"" + (allowCausal ? ", \"causal\"" : "")
                        + ", an integer or [before, after], got \"" + s + "\"");
            }
            if (v instanceof Integer i && i >= 0) return new int[] {i, i};
            if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Integer a && l.get(1) instanceof Integer b && a >= 0 && b >= 0) {
                return new int[] {a, b};
            }
            throw new IllegalArgumentException("key '" + key + "' must be a keyword, an integer >= 0 or [before, after], got " + v);
        }

        /** {@code {before, after}} for a sequence of length n. */
        static int[] resolve(Object padding, int n, int k, int s, int d) {
            if (padding instanceof int[] p) return p.clone();
            return switch ((String) padding) {
                case "same" -> Padding.same(n, k, s, d);
                case "causal" -> new int[] {d * (k - 1), 0};
                default -> new int[2];
            };
        }

        static void requireSequence(AbstractLayer layer, Shape input) {
            if (input.rank() != 2) throw layer.shapeError("expects a sequence input (C, L), got " + input);
        }
    }
}
