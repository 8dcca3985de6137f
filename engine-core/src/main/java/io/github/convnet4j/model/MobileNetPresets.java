package io.github.convnet4j.model;

import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The MobileNet presets (Howard et al. 2017), built from depthwise-separable blocks: a 3×3
 * depthwise convolution, batch norm and ReLU, then a 1×1 convolution, batch norm and ReLU.
 * <ul>
 *   <li>{@code mobilenet}: Keras's {@code MobileNet} (alpha 1.0, depth multiplier 1, 224×224,
 *       1,000 classes), layer for layer: 4,231,976 trainable parameters and 21,888 batch-norm
 *       statistics, as Keras counts them. Differences that change no parameter: ReLU instead of
 *       ReLU6 (no capped ReLU yet), Keras's {@code ZeroPadding2D((0, 1), (0, 1))} before each
 *       stride-2 depthwise convolution written as that convolution's explicit padding
 *       {@code [0, 0, 1, 1]}, and the 1×1 classifier convolution on the pooled (1024, 1, 1) map
 *       written as the Dense layer it equals.</li>
 *   <li>{@code mobilenet-small}: the same blocks at CPU size for (1, 28, 28) images (Fashion-MNIST,
 *       the bundled data): a 16-filter stem and five blocks to 128 channels at 7×7, 10 classes.</li>
 * </ul>
 */
final class MobileNetPresets {
    private MobileNetPresets() {}

    /** {@code {pointwise filters, stride}} of Keras's thirteen blocks. */
    private static final int[][] KERAS_BLOCKS = {
            {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
            {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

    static ModelSpec mobilenet() {
        List<LayerSpec> l = new ArrayList<>();
        stem(l, 32, 2);
        for (int[] b : KERAS_BLOCKS) block(l, b[0], b[1]);
        head(l, 1e-3, 1000);
        return ModelSpec.of("mobilenet", Shape.of(3, 224, 224), l);
    }

    static ModelSpec mobilenetSmall() {
        List<LayerSpec> l = new ArrayList<>();
        stem(l, 16, 1);
        for (int[] b : new int[][] {{32, 1}, {64, 2}, {64, 1}, {128, 2}, {128, 1}}) block(l, b[0], b[1]);
        head(l, 0.2, 10);
        return ModelSpec.of("mobilenet-small", Shape.of(1, 28, 28), l);
    }

    /** Keras's {@code _conv_block}: a 3×3 'same' convolution without bias, batch norm, ReLU. */
    private static void stem(List<LayerSpec> l, int filters, int stride) {
        l.add(LayerSpec.of("Conv2D", "filters", filters, "kernel_size", 3, "strides", stride, "padding", "same", "use_bias", false));
        l.add(LayerSpec.of("BatchNormalization"));
        l.add(LayerSpec.of("ReLU"));
    }

    /** Keras's {@code _depthwise_conv_block}; stride 2 pads one row and column after, as its ZeroPadding2D does. */
    private static void block(List<LayerSpec> l, int filters, int stride) {
        Object padding = stride == 1 ? "same" : List.of(0, 0, 1, 1);
        l.add(LayerSpec.of("DepthwiseConv2D", "kernel_size", 3, "strides", stride, "padding", padding, "use_bias", false));
        l.add(LayerSpec.of("BatchNormalization"));
        l.add(LayerSpec.of("ReLU"));
        l.add(LayerSpec.of("Conv2D", "filters", filters, "kernel_size", 1, "use_bias", false));
        l.add(LayerSpec.of("BatchNormalization"));
        l.add(LayerSpec.of("ReLU"));
    }

    private static void head(List<LayerSpec> l, double dropout, int classes) {
        l.add(LayerSpec.of("GlobalAveragePooling2D"));
        l.add(LayerSpec.of("Dropout", "rate", dropout));
        l.add(LayerSpec.of("Dense", "units", classes, "activation", "softmax"));
    }
}
