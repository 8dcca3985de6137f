package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ResNet basic block, {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}, written as one
 * layer and expanded by the model into graph nodes ({@link CompositeLayer}). conv1 is 3×3 with the
 * block's stride, conv2 3×3 stride 1, both "same" padding without bias. The shortcut is x itself
 * when the shape is kept, otherwise a 1×1 convolution with the stride followed by batch norm. Input
 * {@code (N, C, H, W)}, output {@code (N, filters, ceil(H/stride), ceil(W/stride))}.
 *
 * <p>Nodes: {@code <block>/conv1}, {@code /bn1}, {@code /relu1}, {@code /conv2}, {@code /bn2},
 * {@code /shortcut_conv}, {@code /shortcut_bn} (projection only), {@code /add}, {@code /relu}; so
 * parameters keep the names {@code <block>/conv1/kernel}, {@code <block>/bn1/gamma}, ... they had
 * when the block was one layer, and model files from then still load.
 *
 * <p>Config: {@code filters} (required), {@code strides} (1), {@code kernel_initializer}
 * ("he_normal"), {@code kernel_regularizer}, {@code trainable}.
 */
public final class ResidualBlock extends AbstractLayer implements CompositeLayer {
    private final int filters;
    private final int[] strides;
    private final Object init;
    private final Object reg;

    public ResidualBlock(String name, LayerConfig c) {
        super("ResidualBlock", name, c);
        filters = c.requiredInt("filters", 1);
        strides = c.optionalPair("strides", new int[] {1, 1}, 1);
        init = c.has("kernel_initializer") ? c.optionalInitializer("kernel_initializer", null).keyword() : "he_normal";
        reg = c.raw("kernel_regularizer");
        c.optionalRegularizer("kernel_regularizer");
    }

    private Map<String, Object> conv(int kernel, boolean strided) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filters", filters);
        m.put("kernel_size", kernel);
        m.put("strides", strided ? List.of(strides[0], strides[1]) : List.of(1, 1));
        m.put("padding", "same");
        m.put("use_bias", false);
        m.put("kernel_initializer", init);
        if (reg != null) m.put("kernel_regularizer", reg);
        return frozenUnlessTrainable(m);
    }

    private Map<String, Object> frozenUnlessTrainable(Map<String, Object> m) {
        if (!trainable()) m.put("trainable", false);
        return m;
    }

    private Map<String, Object> plain() { return frozenUnlessTrainable(new LinkedHashMap<>()); }

    /** Whether the shortcut needs a 1×1 convolution for this input (stride or channel count change). */
    public boolean needsProjection(Shape input) {
        return strides[0] != 1 || strides[1] != 1 || input.dim(0) != filters;
    }

    @Override public List<Sublayer> expand(String input, Shape inputShape) {
        requireImage(inputShape);
        String p = name() + "/";
        List<Sublayer> out = new ArrayList<>();
        out.add(new Sublayer("Conv2D", p + "conv1", conv(3, true), List.of(input)));
        out.add(new Sublayer("BatchNormalization", p + "bn1", plain(), List.of(p + "conv1")));
        out.add(new Sublayer("ReLU", p + "relu1", plain(), List.of(p + "bn1")));
        out.add(new Sublayer("Conv2D", p + "conv2", conv(3, false), List.of(p + "relu1")));
        out.add(new Sublayer("BatchNormalization", p + "bn2", plain(), List.of(p + "conv2")));
        String shortcut = input;
        if (needsProjection(inputShape)) {
            out.add(new Sublayer("Conv2D", p + "shortcut_conv", conv(1, true), List.of(input)));
            out.add(new Sublayer("BatchNormalization", p + "shortcut_bn", plain(), List.of(p + "shortcut_conv")));
            shortcut = p + "shortcut_bn";
        }
        out.add(new Sublayer("Add", p + "add", Map.of(), List.of(p + "bn2", shortcut)));
        out.add(new Sublayer("ReLU", p + "relu", plain(), List.of(p + "add")));
        return out;
    }

    /** The output shape of the main path (the shortcut matches it by construction). */
    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        try {
            return walk(input, null);
        } catch (ShapeException e) {
            throw shapeError("input " + input + " does not fit: " + e.getMessage());
        }
    }

    /** What the expanded nodes allocate, named as the block's own parameters ({@code conv1/kernel}). */
    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        List<ParameterSpec> specs = new ArrayList<>();
        walk(input, specs);
        return specs;
    }

    /** Runs the shapes through the nodes before the sum; returns bn2's output shape and collects parameter specs. */
    private Shape walk(Shape input, List<ParameterSpec> specs) {
        String in = "x";
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(in, input);
        for (Sublayer s : expand(in, input)) {
            if (s.type().equals("Add")) break;
            AbstractLayer l = LayerFactory.create(s.type(), s.name(), s.config());
            Shape x = shapes.get(s.inputs().get(0));
            String prefix = s.name().substring(name().length() + 1) + "/";
            if (specs != null) {
                for (ParameterSpec p : l.parameterSpecs(x)) {
                    specs.add(new ParameterSpec(prefix + p.localName(), p.shape(), p.weight(), p.initializer(), p.fanIn(), p.fanOut(), p.regularizer()));
                }
            }
            shapes.put(s.name(), l.outputShape(x));
        }
        return shapes.get(name() + "/bn2");
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) { throw notRun(); }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) { throw notRun(); }

    private IllegalStateException notRun() {
        return new IllegalStateException("ResidualBlock " + name() + " is expanded into its nodes by the model and never runs itself");
    }
}
