package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ResNet basic block, so ResNet-style networks stay a plain sequence at the top level:
 * {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}. conv1 is 3×3 with the block's stride,
 * conv2 3×3 stride 1, both "same" padding without bias. The shortcut is x itself when the shape is
 * kept, otherwise a 1×1 convolution with the stride followed by batch norm. Input
 * {@code (N, C, H, W)}, output {@code (N, filters, ceil(H/stride), ceil(W/stride))}.
 *
 * <p>Parameters are named {@code <block>/conv1/kernel}, {@code <block>/bn1/gamma}, ...,
 * {@code <block>/shortcut_conv/kernel}, {@code <block>/shortcut_bn/...}.
 *
 * <p>Config: {@code filters} (required), {@code strides} (1), {@code kernel_initializer}
 * ("he_normal"), {@code kernel_regularizer}.
 */
public final class ResidualBlock extends AbstractLayer {
    private final int filters;
    private final int[] strides;
    private final Conv2D conv1;
    private final BatchNormalization bn1;
    private final ReLU relu1;
    private final Conv2D conv2;
    private final BatchNormalization bn2;
    private final Conv2D shortcutConv;
    private final BatchNormalization shortcutBn;
    private final ActivationStage outRelu = new ActivationStage(Activation.RELU);

    private boolean projection;
    private TensorSlot sumSlot;
    private TensorSlot dxSlot;

    public ResidualBlock(String name, LayerConfig c) {
        super("ResidualBlock", name, c);
        filters = c.requiredInt("filters", 1);
        strides = c.optionalPair("strides", new int[] {1, 1}, 1);
        Object init = c.has("kernel_initializer") ? c.optionalInitializer("kernel_initializer", null).keyword() : "he_normal";
        Object reg = c.raw("kernel_regularizer");
        c.optionalRegularizer("kernel_regularizer");
        List<Integer> stride = List.of(strides[0], strides[1]);
        conv1 = new Conv2D(name + "/conv1", conv(3, stride, init, reg));
        bn1 = new BatchNormalization(name + "/bn1", LayerConfig.of());
        relu1 = new ReLU(name + "/relu1", LayerConfig.of());
        conv2 = new Conv2D(name + "/conv2", conv(3, List.of(1, 1), init, reg));
        bn2 = new BatchNormalization(name + "/bn2", LayerConfig.of());
        shortcutConv = new Conv2D(name + "/shortcut_conv", conv(1, stride, init, reg));
        shortcutBn = new BatchNormalization(name + "/shortcut_bn", LayerConfig.of());
        own(outRelu);
        setTrainable(trainable());
    }

    private LayerConfig conv(int kernel, List<Integer> stride, Object init, Object reg) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("filters", filters);
        m.put("kernel_size", kernel);
        m.put("strides", stride);
        m.put("padding", "same");
        m.put("use_bias", false);
        m.put("kernel_initializer", init);
        if (reg != null) m.put("kernel_regularizer", reg);
        return new LayerConfig(m);
    }

    /** Whether the shortcut needs a 1×1 convolution for this input (stride or channel count change). */
    public boolean needsProjection(Shape input) {
        return strides[0] != 1 || strides[1] != 1 || input.dim(0) != filters;
    }

    private List<AbstractLayer> mainPath() { return List.of(conv1, bn1, relu1, conv2, bn2); }

    private List<AbstractLayer> sublayers(Shape input) {
        List<AbstractLayer> all = new ArrayList<>(mainPath());
        if (needsProjection(input)) { all.add(shortcutConv); all.add(shortcutBn); }
        return all;
    }

    @Override public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        if (conv1 == null) return; // not yet constructed
        for (AbstractLayer l : List.of(conv1, bn1, relu1, conv2, bn2, shortcutConv, shortcutBn)) l.setTrainable(trainable);
    }

    @Override public Shape outputShape(Shape input) {
        requireImage(input);
        try {
            Shape s = input;
            for (AbstractLayer l : mainPath()) s = l.outputShape(s);
            return s;
        } catch (ShapeException e) {
            throw shapeError("input " + input + " does not fit: " + e.getMessage());
        }
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        List<ParameterSpec> specs = new ArrayList<>();
        Shape s = input;
        for (AbstractLayer l : mainPath()) {
            addPrefixed(specs, l, s);
            s = l.outputShape(s);
        }
        if (needsProjection(input)) {
            addPrefixed(specs, shortcutConv, input);
            addPrefixed(specs, shortcutBn, shortcutConv.outputShape(input));
        }
        return specs;
    }

    private void addPrefixed(List<ParameterSpec> out, AbstractLayer l, Shape input) {
        String prefix = l.name().substring(name().length() + 1) + "/";
        for (ParameterSpec p : l.parameterSpecs(input)) {
            out.add(new ParameterSpec(prefix + p.localName(), p.shape(), p.weight(), p.initializer(), p.fanIn(), p.fanOut(), p.regularizer()));
        }
    }

    @Override public void build(Backend backend, Shape input, DType dtype, Rng rng) {
        if (built()) throw new IllegalStateException("layer " + name() + " is already built");
        this.outputShape = outputShape(input);
        this.inputShape = input;
        this.backend = backend;
        this.dtype = dtype;
        projection = needsProjection(input);
        Shape s = input;
        for (AbstractLayer l : mainPath()) {
            l.build(backend, s, dtype, rng);
            s = l.outputShape;
        }
        if (projection) {
            shortcutConv.build(backend, input, dtype, rng);
            shortcutBn.build(backend, shortcutConv.outputShape, dtype, rng);
        }
        sumSlot = slot();
        dxSlot = slot();
    }

    @Override public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (AbstractLayer l : sublayers(inputShape)) out.addAll(l.parameters());
        return out;
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        Tensor a = x;
        for (AbstractLayer l : mainPath()) a = l.forward(a, ctx);
        Tensor shortcut = projection ? shortcutBn.forward(shortcutConv.forward(x, ctx), ctx) : x;
        Tensor sum = sumSlot.get(backend, a.shape(), dtype);
        backend.elementwise().add(a, shortcut, sum);
        return outRelu.forward(backend, sum, false);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dSum = outRelu.backward(backend, dy);
        Tensor d = dSum;
        List<AbstractLayer> main = mainPath();
        for (int i = main.size() - 1; i >= 1; i--) d = main.get(i).backward(d, true);
        Tensor dxMain = conv1.backward(d, needInputGradient);
        Tensor dxShortcut = dSum;
        if (projection) dxShortcut = shortcutConv.backward(shortcutBn.backward(dSum, true), needInputGradient);
        if (!needInputGradient) return null;
        Tensor dx = dxSlot.get(backend, dxMain.shape(), dtype);
        backend.elementwise().add(dxMain, dxShortcut, dx);
        return dx;
    }

    @Override public void close() {
        for (AbstractLayer l : List.of(conv1, bn1, relu1, conv2, bn2, shortcutConv, shortcutBn)) l.close();
        super.close();
    }
}
