package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings and shape refusals of the smaller layers (Reshape, UpSampling2D, LeakyReLU, Activation,
 * Concatenate, global pooling, Conv2D's "too small" message), each naming the key or the layer.
 */
class LayerSettingsTest {
    private static AbstractLayer layer(String type, Object... kv) {
        return LayerFactory.create(type, "l", LayerConfig.of(kv).values());
    }

    private static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

    private static String shapeError(AbstractLayer l, Shape in) {
        return assertThrows(ShapeException.class, () -> l.outputShape(in)).getMessage();
    }

    @Test
    void reshapeTargets() {
        assertEquals(Shape.of(2, 3, 1), layer("Reshape", "target_shape", List.of(2, 3, 1)).outputShape(Shape.of(6)));
        assertEquals(Shape.of(1), layer("Reshape", "target_shape", List.of(1)).outputShape(Shape.of(1, 1, 1)));
        assertEquals("missing required key 'target_shape'", error(() -> layer("Reshape")));
        String list = "key 'target_shape' must be a list of 1 to 3 positive integers, got ";
        for (Object bad : List.<Object>of(6, List.of(), List.of(1, 2, 3, 1))) {
            assertEquals(list + bad, error(() -> layer("Reshape", "target_shape", bad)), String.valueOf(bad));
        }
        for (Object bad : List.<Object>of(List.of(0, 6), List.of(6, -1), List.of("6"))) {
            assertEquals("key 'target_shape' must hold positive integers, got " + bad, error(() -> layer("Reshape", "target_shape", bad)));
        }
        assertEquals("layer l (Reshape): cannot reshape (7,) (7 values) to (2, 3) (6 values)",
                shapeError(layer("Reshape", "target_shape", List.of(2, 3)), Shape.of(7)));
    }

    @Test
    void upSamplingFactorsAndInterpolation() {
        UpSampling2D u = (UpSampling2D) layer("UpSampling2D", "size", List.of(2, 3), "interpolation", "NEAREST");
        assertEquals(2, u.upsampleParams().factorH());
        assertEquals(3, u.upsampleParams().factorW());
        assertEquals(Shape.of(4, 10, 6), u.outputShape(Shape.of(4, 5, 2)));
        assertEquals("layer l (UpSampling2D): expects an image input (C, H, W), got (4, 5)", shapeError(u, Shape.of(4, 5)));
        assertEquals("key 'interpolation' must be \"nearest\" (the only one supported), got \"bilinear\"",
                error(() -> layer("UpSampling2D", "interpolation", "bilinear")));
    }

    @Test
    void leakyReluSlopeUnderEitherName() {
        assertEquals(Activation.leakyRelu(0.3), ((ActivationLayer) layer("LeakyReLU")).activation());
        assertEquals(Activation.leakyRelu(0.1), ((ActivationLayer) layer("LeakyReLU", "alpha", 0.1)).activation());
        assertEquals(Activation.leakyRelu(0.2), ((ActivationLayer) layer("LeakyReLU", "negative_slope", 0.2)).activation());
        assertEquals("give either 'alpha' or 'negative_slope', not both", error(() -> layer("LeakyReLU", "alpha", 0.1, "negative_slope", 0.2)));
        assertEquals("missing required key 'activation'", error(() -> layer("Activation")));
        assertEquals(Activation.TANH, ((ActivationLayer) layer("Activation", "activation", "tanh")).activation());
    }

    @Test
    void concatenateAgreesInAllButChannels() {
        MergeLayer c = (MergeLayer) layer("Concatenate");
        assertEquals(Shape.of(7, 4, 5), c.outputShape(List.of(Shape.of(2, 4, 5), Shape.of(5, 4, 5))));
        assertEquals(Shape.of(9), c.outputShape(List.of(Shape.of(4), Shape.of(5))));
        String want = "layer l (Concatenate): inputs must agree in every dimension but channels, got ";
        assertEquals(want + "(2, 4, 5), (2, 3, 5)",
                assertThrows(ShapeException.class, () -> c.outputShape(List.of(Shape.of(2, 4, 5), Shape.of(2, 3, 5)))).getMessage());
        assertEquals(want + "(2, 4, 5), (2, 4, 6)",
                assertThrows(ShapeException.class, () -> c.outputShape(List.of(Shape.of(2, 4, 5), Shape.of(2, 4, 6)))).getMessage());
        assertEquals(want + "(2, 4, 5), (2, 4)",
                assertThrows(ShapeException.class, () -> c.outputShape(List.of(Shape.of(2, 4, 5), Shape.of(2, 4)))).getMessage());
    }

    @Test
    void globalPoolingNamesTheInputItWants() {
        assertEquals(Shape.of(3), layer("GlobalMaxPooling1D").outputShape(Shape.of(3, 5)));
        assertEquals(Shape.of(3), layer("GlobalAveragePooling3D").outputShape(Shape.of(3, 2, 2, 2)));
        assertEquals("layer l (GlobalAveragePooling2D): expects an image input (C, H, W), got (3,); it cannot follow Flatten, Dense or global pooling",
                shapeError(layer("GlobalAveragePooling2D"), Shape.of(3)));
        assertEquals("layer l (GlobalAveragePooling2D): expects an image input (C, H, W), got (3, 2, 2, 2)",
                shapeError(layer("GlobalAveragePooling2D"), Shape.of(3, 2, 2, 2)));
        assertEquals("layer l (GlobalMaxPooling1D): expects a sequence input (C, L), got (3, 2, 2)",
                shapeError(layer("GlobalMaxPooling1D"), Shape.of(3, 2, 2)));
        assertEquals("layer l (GlobalAveragePooling3D): expects a volume input (C, D, H, W), got (3, 2, 2)",
                shapeError(layer("GlobalAveragePooling3D"), Shape.of(3, 2, 2)));
        assertEquals("layer l (ResidualBlock): expects an image input (C, H, W), got (3, 2)", shapeError(layer("ResidualBlock", "filters", 3), Shape.of(3, 2)));
        assertEquals("layer l (DepthwiseConv2D): expects an image input (C, H, W), got (3, 2)", shapeError(layer("DepthwiseConv2D", "kernel_size", 1), Shape.of(3, 2)));
    }

    @Test
    void conv2dTooSmallNamesPaddingOnlyWhenThere() {
        String[] sides = {"top", "left", "bottom", "right"};
        for (int side = 0; side < 4; side++) {
            Integer[] pad = {0, 0, 0, 0};
            pad[side] = 1;
            AbstractLayer padded = layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", List.of(pad));
            Shape in = side % 2 == 0 ? Shape.of(1, 1, 5) : Shape.of(1, 5, 1);
            assertEquals("layer l (Conv2D): input " + in + " is smaller than the 3×3 kernel after padding", shapeError(padded, in), sides[side]);
        }
        AbstractLayer plain = layer("Conv2D", "filters", 1, "kernel_size", 3);
        assertEquals(Shape.of(1, 1, 1), plain.outputShape(Shape.of(1, 3, 3)));
        assertEquals("layer l (Conv2D): input (1, 3, 2) is smaller than the 3×3 kernel", shapeError(plain, Shape.of(1, 3, 2)));
        assertEquals("layer l (Conv2D): input (1, 9, 4) is smaller than the 3×3 kernel with dilation 1×2",
                shapeError(layer("Conv2D", "filters", 1, "kernel_size", 3, "dilation_rate", List.of(1, 2)), Shape.of(1, 9, 4)));
    }

    @Test
    void paddingKeywordsAndAmounts() {
        assertEquals("key 'padding' must be \"valid\" or \"same\", an integer, [h, w] or [top, left, bottom, right], got \"full\"",
                error(() -> layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", "full")));
        assertEquals("key 'padding' must be \"valid\" or \"same\", got \"full\"", error(() -> layer("MaxPooling2D", "padding", "full")));
        assertEquals("key 'padding' must be \"valid\" or \"same\", got 1", error(() -> layer("MaxPooling2D", "padding", 1)));
        assertEquals("key 'padding' must be [h, w] or [top, left, bottom, right], got [1, 2, 3]",
                error(() -> layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", List.of(1, 2, 3))));
        assertEquals("key 'padding' must hold integers >= 0, got -1", error(() -> layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", -1)));
        // [h, w] pads top = bottom = h and left = right = w: (3 + 2 - 3 + 1, 3 + 4 - 3 + 1)
        assertEquals(Shape.of(1, 3, 5), layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", List.of(1, 2)).outputShape(Shape.of(1, 3, 3)));
        assertEquals(Shape.of(1, 1, 1), layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", "VALID").outputShape(Shape.of(1, 3, 3)));
        assertEquals(Shape.of(1, 3, 3), layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", "Same").outputShape(Shape.of(1, 3, 3)));
        assertEquals(List.of(1, 2, 1, 2), Padding.parse(LayerConfig.of("p", List.of(1, 2)), "p", true).toConfigValue());
        assertEquals(2, Padding.of(2).toConfigValue());
        assertEquals("same", Padding.SAME.toConfigValue());
    }
}
