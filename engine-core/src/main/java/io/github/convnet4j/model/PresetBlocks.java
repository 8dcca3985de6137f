package io.github.convnet4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Building blocks of the graph presets, written as functional spec layers (named, with
 * {@code inputs}) exactly as a user would write them in a model file: convolution + batch norm +
 * ReLU, an Inception module, a ResNet bottleneck and a squeeze-and-excitation block. Each method
 * appends its layers and returns the name of its output layer.
 */
final class PresetBlocks {
    private final List<LayerSpec> layers = new ArrayList<>();

    /** The layers so far. */
    List<LayerSpec> layers() { return layers; }

    /** Appends a layer with these config key/values, fed by {@code input} (null: the previous layer). */
    String add(String type, String name, String input, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        if (input != null) m.put(LayerSpec.INPUTS, List.of(input));
        layers.add(new LayerSpec(type, m));
        return name;
    }

    /** A merge layer of several inputs. */
    String merge(String type, String name, List<String> inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put(LayerSpec.INPUTS, List.copyOf(inputs));
        layers.add(new LayerSpec(type, m));
        return name;
    }

    /** Convolution without bias, batch norm (epsilon as given), ReLU: torchvision's BasicConv2d. */
    String convBnRelu(String name, String input, int filters, int kernel, int stride, double epsilon) {
        add("Conv2D", name + "_conv", input, "filters", filters, "kernel_size", kernel, "strides", stride, "padding", "same",
                "use_bias", false, "kernel_initializer", "he_normal");
        add("BatchNormalization", name + "_bn", null, "epsilon", epsilon);
        return add("ReLU", name, null);
    }

    /**
     * GoogLeNet's Inception module: four branches, concatenated along channels: a 1×1 convolution;
     * a 1×1 reduction then a 3×3; a 1×1 reduction then a second 3×3 (torchvision's "5×5" branch, which
     * uses 3×3, or a true 5×5 when {@code fiveByFive}); a 3×3 max pool (stride 1) then a 1×1 projection.
     */
    String inception(String name, String input, int c1, int c3r, int c3, int c5r, int c5, int pool, boolean fiveByFive, double eps) {
        String b1 = convBnRelu(name + "_1x1", input, c1, 1, 1, eps);
        String b2 = convBnRelu(name + "_3x3", convBnRelu(name + "_3x3_reduce", input, c3r, 1, 1, eps), c3, 3, 1, eps);
        String b3 = convBnRelu(name + "_5x5", convBnRelu(name + "_5x5_reduce", input, c5r, 1, 1, eps), c5, fiveByFive ? 5 : 3, 1, eps);
        add("MaxPooling2D", name + "_pool", input, "pool_size", 3, "strides", 1, "padding", "same");
        String b4 = convBnRelu(name + "_pool_proj", name + "_pool", pool, 1, 1, eps);
        return merge("Concatenate", name, List.of(b1, b2, b3, b4));
    }

    /**
     * A ResNet bottleneck (torchvision v1.5: the stride on the 3×3): 1×1 to {@code width}, 3×3, 1×1
     * to {@code 4 width}, each with batch norm; the shortcut is a strided 1×1 convolution with batch
     * norm when {@code project}; sum, ReLU.
     */
    String bottleneck(String name, String input, int width, int stride, boolean project) {
        String a = convBnRelu(name + "_1", input, width, 1, 1, 1e-5);
        String b = convBnRelu(name + "_2", a, width, 3, stride, 1e-5);
        add("Conv2D", name + "_3_conv", b, "filters", 4 * width, "kernel_size", 1, "use_bias", false, "kernel_initializer", "he_normal");
        String main = add("BatchNormalization", name + "_3_bn", null);
        String shortcut = input;
        if (project) {
            add("Conv2D", name + "_0_conv", input, "filters", 4 * width, "kernel_size", 1, "strides", stride, "padding", "same",
                    "use_bias", false, "kernel_initializer", "he_normal");
            shortcut = add("BatchNormalization", name + "_0_bn", null);
        }
        merge("Add", name + "_add", List.of(main, shortcut));
        return add("ReLU", name, null);
    }

    /**
     * Squeeze-and-excitation (Hu et al.): global average pool to {@code (C)}, Dense C/ratio with
     * ReLU, Dense C with sigmoid, reshaped to {@code (C, 1, 1)}, times the input map.
     */
    String squeezeExcite(String name, String input, int channels, int ratio) {
        add("GlobalAveragePooling2D", name + "_squeeze", input);
        add("Dense", name + "_reduce", null, "units", Math.max(1, channels / ratio), "activation", "relu");
        add("Dense", name + "_expand", null, "units", channels, "activation", "sigmoid");
        add("Reshape", name + "_gate", null, "target_shape", List.of(channels, 1, 1));
        return merge("Multiply", name, List.of(input, name + "_gate"));
    }
}
