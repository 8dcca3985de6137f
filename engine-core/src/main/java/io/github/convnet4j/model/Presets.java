package io.github.convnet4j.model;

import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.convnet4j.optim.OptionSpec;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Ready-made networks, by name:
 * <ul>
 *   <li>{@code keras-mnist}: the Keras MNIST tutorial convnet on (1, 28, 28), 93,322 parameters;</li>
 *   <li>{@code lenet5}: LeNet-5 (tanh, average pooling) adapted to (1, 28, 28) with a padded first
 *       convolution, 61,706 parameters;</li>
 *   <li>{@code vgg-small}: three VGG blocks (two 3×3 convolutions and a max pool each, 32/64/128
 *       filters) and a 128-unit classifier on (3, 32, 32);</li>
 *   <li>{@code resnet-small}: ResNet-18 for 32×32 images: 3×3 stem, four stages of two residual
 *       blocks (64, 128, 256, 512 filters; strides 1, 2, 2, 2), global average pooling, 10 classes;</li>
 *   <li>{@code alexnet}, {@code vgg16}, {@code resnet18}, {@code resnet50}, {@code googlenet}: the
 *       reference architectures, whose trainable parameter counts at (3, 224, 224) and 1,000
 *       classes equal torchvision's (see {@link GraphPresets}); {@code inception-se-small}: an
 *       Inception + squeeze-and-excitation network for 28×28 / 32×32 images.</li>
 * </ul>
 */
public final class Presets {
    private static final Map<String, Supplier<ModelSpec>> PRESETS = new LinkedHashMap<>();
    /** The presets that take their input shape and class count as options: native input and classes. */
    private static final Map<String, Sized> SIZED = new LinkedHashMap<>();

    /** A preset built for a per-sample input shape and a number of classes, with its native ones. */
    private record Sized(Shape input, int classes, BiFunction<Shape, Integer, ModelSpec> build) {}

    static {
        PRESETS.put("keras-mnist", Presets::kerasMnist);
        PRESETS.put("lenet5", Presets::lenet5);
        PRESETS.put("vgg-small", Presets::vggSmall);
        PRESETS.put("resnet-small", Presets::resnetSmall);
        SIZED.put("alexnet", new Sized(Shape.of(3, 224, 224), 1000, GraphPresets::alexnet));
        SIZED.put("vgg16", new Sized(Shape.of(3, 224, 224), 1000, GraphPresets::vgg16));
        SIZED.put("resnet18", new Sized(Shape.of(3, 224, 224), 1000, GraphPresets::resnet18));
        SIZED.put("resnet50", new Sized(Shape.of(3, 224, 224), 1000, GraphPresets::resnet50));
        SIZED.put("googlenet", new Sized(Shape.of(3, 224, 224), 1000, GraphPresets::googlenet));
        SIZED.put("inception-se-small", new Sized(Shape.of(3, 32, 32), 10, GraphPresets::inceptionSeSmall));
    }

    private Presets() {}

    /** The preset names. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(PRESETS.keySet());
        all.addAll(SIZED.keySet());
        return List.copyOf(all);
    }

    /** Whether {@code text} names a preset, with or without options ({@code resnet18:input=1x28x28}). */
    public static boolean isPreset(String text) {
        int colon = text.indexOf(':');
        return names().contains(colon < 0 ? text : text.substring(0, colon));
    }

    /**
     * The preset with this name. The presets of the course's architectures ({@code alexnet},
     * {@code vgg16}, {@code resnet18}, {@code resnet50}, {@code googlenet}, {@code inception-se-small})
     * take options: {@code name:input=CxHxW,classes=K}, e.g. {@code resnet18:input=1x28x28,classes=10};
     * without them they are built for their native input and class count.
     *
     * @throws IllegalArgumentException naming the presets, or the bad option
     */
    public static ModelSpec get(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        Supplier<ModelSpec> s = PRESETS.get(name);
        if (s != null) {
            if (colon >= 0) throw new IllegalArgumentException("preset '" + name + "' takes no options (the sized presets are " + String.join(", ", SIZED.keySet()) + ")");
            return s.get();
        }
        Sized n = SIZED.get(name);
        if (n == null) throw new IllegalArgumentException("unknown preset '" + name + "' (choose " + String.join(", ", names()) + ")");
        Shape input = n.input();
        int classes = n.classes();
        if (colon >= 0) {
            OptionSpec o = OptionSpec.parse("preset", text);
            String in = o.string("input", null);
            if (in != null) input = parseShape(text, in);
            classes = o.integer("classes", classes);
            o.rejectUnknown();
            if (classes < 1) throw new IllegalArgumentException("preset '" + text + "': classes must be >= 1");
        }
        return n.build().apply(input, classes);
    }

    /** {@code 3x224x224} as a per-sample shape (C, H, W). */
    private static Shape parseShape(String text, String v) {
        String[] parts = v.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 3) throw new IllegalArgumentException("preset '" + text + "': input=" + v + " must be CxHxW, e.g. 1x28x28");
        int[] d = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                d[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                d[i] = 0;
            }
            if (d[i] < 1 || d[i] > 4096) throw new IllegalArgumentException("preset '" + text + "': input=" + v + " must be CxHxW of sizes 1..4096");
        }
        return Shape.of(d);
    }

    private static ModelSpec kerasMnist() {
        return ModelSpec.of("keras-mnist", Shape.of(1, 28, 28), List.of(
                LayerSpec.of("Conv2D", "filters", 32, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Conv2D", "filters", 64, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Conv2D", "filters", 64, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 64, "activation", "relu"),
                LayerSpec.of("Dense", "units", 10, "activation", "softmax")));
    }

    private static ModelSpec lenet5() {
        return ModelSpec.of("lenet5", Shape.of(1, 28, 28), List.of(
                LayerSpec.of("Conv2D", "filters", 6, "kernel_size", 5, "padding", "same", "activation", "tanh"),
                LayerSpec.of("AveragePooling2D", "pool_size", 2),
                LayerSpec.of("Conv2D", "filters", 16, "kernel_size", 5, "activation", "tanh"),
                LayerSpec.of("AveragePooling2D", "pool_size", 2),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 120, "activation", "tanh"),
                LayerSpec.of("Dense", "units", 84, "activation", "tanh"),
                LayerSpec.of("Dense", "units", 10, "activation", "softmax")));
    }

    private static ModelSpec vggSmall() {
        List<LayerSpec> l = new ArrayList<>();
        for (int filters : new int[] {32, 64, 128}) {
            for (int i = 0; i < 2; i++) {
                l.add(LayerSpec.of("Conv2D", "filters", filters, "kernel_size", 3, "padding", "same", "activation", "relu",
                        "kernel_initializer", "he_uniform"));
            }
            l.add(LayerSpec.of("MaxPooling2D", "pool_size", 2));
        }
        l.add(LayerSpec.of("Flatten"));
        l.add(LayerSpec.of("Dense", "units", 128, "activation", "relu", "kernel_initializer", "he_uniform"));
        l.add(LayerSpec.of("Dropout", "rate", 0.5));
        l.add(LayerSpec.of("Dense", "units", 10, "activation", "softmax"));
        return ModelSpec.of("vgg-small", Shape.of(3, 32, 32), l);
    }

    private static ModelSpec resnetSmall() {
        List<LayerSpec> l = new ArrayList<>();
        l.add(LayerSpec.of("Conv2D", "filters", 64, "kernel_size", 3, "padding", "same", "use_bias", false, "kernel_initializer", "he_normal"));
        l.add(LayerSpec.of("BatchNormalization"));
        l.add(LayerSpec.of("ReLU"));
        int[] filters = {64, 128, 256, 512};
        int[] strides = {1, 2, 2, 2};
        for (int stage = 0; stage < 4; stage++) {
            l.add(LayerSpec.of("ResidualBlock", "filters", filters[stage], "strides", strides[stage]));
            l.add(LayerSpec.of("ResidualBlock", "filters", filters[stage], "strides", 1));
        }
        l.add(LayerSpec.of("GlobalAveragePooling2D"));
        l.add(LayerSpec.of("Dense", "units", 10, "activation", "softmax"));
        return ModelSpec.of("resnet-small", Shape.of(3, 32, 32), l);
    }
}
