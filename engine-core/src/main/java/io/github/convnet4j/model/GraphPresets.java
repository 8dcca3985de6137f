package io.github.convnet4j.model;

import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The course's reference architectures as presets, each for any input shape and class count. At
 * (3, 224, 224) and 1,000 classes their trainable parameter counts equal the reference
 * implementations' (asserted by tests):
 * <ul>
 *   <li>{@code alexnet}: torchvision {@code alexnet}, 61,100,840;</li>
 *   <li>{@code vgg16}: Keras {@code VGG16} / torchvision {@code vgg16}, 138,357,544;</li>
 *   <li>{@code resnet18}: torchvision {@code resnet18}, 11,689,512;</li>
 *   <li>{@code resnet50}: torchvision {@code resnet50} (v1.5, stride on the 3×3), 25,557,032;</li>
 *   <li>{@code googlenet}: torchvision {@code googlenet} without auxiliary heads, 6,624,904.</li>
 * </ul>
 * Padding is Keras's "same" where torchvision pads by half the kernel, which gives the same output
 * sizes at 224×224 and lets the networks run on 28×28 or 32×32 images too. torchvision's adaptive
 * average pools are left out: at 224×224 they see maps already of their output size. AlexNet's
 * 11×11 stride-4 stem would shrink a small image to nothing, so below 64 pixels it becomes a 3×3
 * stride-1 convolution with "same" pools (and so a different parameter count).
 */
final class GraphPresets {
    private GraphPresets() {}

    private static LayerSpec conv(String name, int filters, int kernel, Object padding, Object... more) {
        List<Object> kv = new ArrayList<>(List.of("name", name, "filters", filters, "kernel_size", kernel, "padding", padding,
                "activation", "relu"));
        kv.addAll(List.of(more));
        return LayerSpec.of("Conv2D", kv.toArray());
    }

    private static LayerSpec maxPool(String name, int size, int stride, String padding) {
        return LayerSpec.of("MaxPooling2D", "name", name, "pool_size", size, "strides", stride, "padding", padding);
    }

    /** Two 4096-unit layers, each after dropout 0.5 (torchvision's AlexNet order), then the classes. */
    private static void classifier(List<LayerSpec> l, int classes) {
        l.add(LayerSpec.of("Flatten", "name", "flatten"));
        l.add(LayerSpec.of("Dropout", "name", "drop1", "rate", 0.5));
        l.add(LayerSpec.of("Dense", "name", "fc1", "units", 4096, "activation", "relu"));
        l.add(LayerSpec.of("Dropout", "name", "drop2", "rate", 0.5));
        l.add(LayerSpec.of("Dense", "name", "fc2", "units", 4096, "activation", "relu"));
        l.add(LayerSpec.of("Dense", "name", "predictions", "units", classes, "activation", "softmax"));
    }

    static ModelSpec alexnet(Shape input, int classes) {
        boolean small = Math.min(input.dim(1), input.dim(2)) < 64;
        String pool = small ? "same" : "valid";
        List<LayerSpec> l = new ArrayList<>();
        l.add(small ? conv("conv1", 64, 3, "same") : conv("conv1", 64, 11, 2, "strides", 4));
        l.add(maxPool("pool1", 3, 2, pool));
        l.add(conv("conv2", 192, 5, 2));
        l.add(maxPool("pool2", 3, 2, pool));
        l.add(conv("conv3", 384, 3, 1));
        l.add(conv("conv4", 256, 3, 1));
        l.add(conv("conv5", 256, 3, 1));
        l.add(maxPool("pool5", 3, 2, pool));
        classifier(l, classes);
        return ModelSpec.of("alexnet", input, l);
    }

    static ModelSpec vgg16(Shape input, int classes) {
        List<LayerSpec> l = new ArrayList<>();
        int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 1; i <= blocks[b][1]; i++) l.add(conv("block" + (b + 1) + "_conv" + i, blocks[b][0], 3, "same"));
            l.add(maxPool("block" + (b + 1) + "_pool", 2, 2, "same"));
        }
        classifier(l, classes);
        return ModelSpec.of("vgg16", input, l);
    }

    static ModelSpec resnet18(Shape input, int classes) {
        PresetBlocks b = new PresetBlocks();
        b.convBnRelu("conv1", null, 64, 7, 2, 1e-5);
        b.add("MaxPooling2D", "pool1", null, "pool_size", 3, "strides", 2, "padding", "same");
        int[] filters = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 1; block <= 2; block++) {
                b.add("ResidualBlock", "layer" + (stage + 1) + "_" + block, null, "filters", filters[stage],
                        "strides", stage > 0 && block == 1 ? 2 : 1);
            }
        }
        b.add("GlobalAveragePooling2D", "avgpool", null);
        b.add("Dense", "fc", null, "units", classes, "activation", "softmax");
        return ModelSpec.of("resnet18", input, b.layers());
    }

    static ModelSpec resnet50(Shape input, int classes) {
        PresetBlocks b = new PresetBlocks();
        String x = b.convBnRelu("conv1", null, 64, 7, 2, 1e-5);
        x = b.add("MaxPooling2D", "pool1", x, "pool_size", 3, "strides", 2, "padding", "same");
        int[] widths = {64, 128, 256, 512}, blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 1; block <= blocks[stage]; block++) {
                int stride = stage > 0 && block == 1 ? 2 : 1;
                x = b.bottleneck("layer" + (stage + 1) + "_" + block, x, widths[stage], stride, block == 1);
            }
        }
        b.add("GlobalAveragePooling2D", "avgpool", x);
        b.add("Dense", "fc", null, "units", classes, "activation", "softmax");
        return ModelSpec.of("resnet50", input, b.layers());
    }

    static ModelSpec googlenet(Shape input, int classes) {
        PresetBlocks b = new PresetBlocks();
        double eps = 1e-3;
        String x = b.convBnRelu("conv1", null, 64, 7, 2, eps);
        x = b.add("MaxPooling2D", "pool1", x, "pool_size", 3, "strides", 2, "padding", "same");
        x = b.convBnRelu("conv2", x, 64, 1, 1, eps);
        x = b.convBnRelu("conv3", x, 192, 3, 1, eps);
        x = b.add("MaxPooling2D", "pool2", x, "pool_size", 3, "strides", 2, "padding", "same");
        x = b.inception("inception3a", x, 64, 96, 128, 16, 32, 32, false, eps);
        x = b.inception("inception3b", x, 128, 128, 192, 32, 96, 64, false, eps);
        x = b.add("MaxPooling2D", "pool3", x, "pool_size", 3, "strides", 2, "padding", "same");
        x = b.inception("inception4a", x, 192, 96, 208, 16, 48, 64, false, eps);
        x = b.inception("inception4b", x, 160, 112, 224, 24, 64, 64, false, eps);
        x = b.inception("inception4c", x, 128, 128, 256, 24, 64, 64, false, eps);
        x = b.inception("inception4d", x, 112, 144, 288, 32, 64, 64, false, eps);
        x = b.inception("inception4e", x, 256, 160, 320, 32, 128, 128, false, eps);
        x = b.add("MaxPooling2D", "pool4", x, "pool_size", 2, "strides", 2, "padding", "same");
        x = b.inception("inception5a", x, 256, 160, 320, 32, 128, 128, false, eps);
        x = b.inception("inception5b", x, 384, 192, 384, 48, 128, 128, false, eps);
        b.add("GlobalAveragePooling2D", "avgpool", x);
        b.add("Dropout", "dropout", null, "rate", 0.2);
        b.add("Dense", "fc", null, "units", classes, "activation", "softmax");
        return ModelSpec.of("googlenet", input, b.layers());
    }

    /**
     * A small network for 28×28 / 32×32 images with both of the course's block types: a 3×3 stem,
     * an Inception module (true 5×5 branch) followed by a squeeze-and-excitation block, twice, with
     * max pools between, then global average pooling and the classifier.
     */
    static ModelSpec inceptionSeSmall(Shape input, int classes) {
        PresetBlocks b = new PresetBlocks();
        double eps = 1e-3;
        String x = b.convBnRelu("stem", null, 32, 3, 1, eps);
        x = b.add("MaxPooling2D", "pool1", x, "pool_size", 2, "padding", "same");
        x = b.inception("mixed1", x, 16, 16, 24, 8, 8, 8, true, eps);
        x = b.squeezeExcite("se1", x, 56, 8);
        x = b.add("MaxPooling2D", "pool2", x, "pool_size", 2, "padding", "same");
        x = b.inception("mixed2", x, 32, 24, 48, 8, 16, 16, true, eps);
        x = b.squeezeExcite("se2", x, 112, 8);
        b.add("GlobalAveragePooling2D", "avgpool", x);
        b.add("Dense", "predictions", null, "units", classes, "activation", "softmax");
        return ModelSpec.of("inception-se-small", input, b.layers());
    }
}
