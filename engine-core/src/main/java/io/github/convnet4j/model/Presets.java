package io.github.convnet4j.model;

import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>{@code mobilenet} and {@code mobilenet-small}: see {@link MobileNetPresets}.</li>
 * </ul>
 */
public final class Presets {
    private static final Map<String, Supplier<ModelSpec>> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("keras-mnist", Presets::kerasMnist);
        PRESETS.put("lenet5", Presets::lenet5);
        PRESETS.put("vgg-small", Presets::vggSmall);
        PRESETS.put("resnet-small", Presets::resnetSmall);
        PRESETS.put("mobilenet", MobileNetPresets::mobilenet);
        PRESETS.put("mobilenet-small", MobileNetPresets::mobilenetSmall);
    }

    private Presets() {}

    /** The preset names. */
    public static List<String> names() { return List.copyOf(PRESETS.keySet()); }

    /**
     * The preset with this name.
     *
     * @throws IllegalArgumentException naming the presets
     */
    public static ModelSpec get(String name) {
        Supplier<ModelSpec> s = PRESETS.get(name);
        if (s == null) throw new IllegalArgumentException("unknown preset '" + name + "' (choose " + String.join(", ", PRESETS.keySet()) + ")");
        return s.get();
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
