package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output sizes and parameter counts that the layers compute without any backend. */
class LayerShapeTest {
    private static AbstractLayer layer(String type, Object... kv) {
        return LayerFactory.create(type, type.toLowerCase() + "_1", LayerConfig.of(kv).values());
    }

    @Test
    void tenFiveByFiveFiltersWithPaddingTwoKeep32x32AndHave760Parameters() {
        AbstractLayer conv = layer("Conv2D", "filters", 10, "kernel_size", 5, "strides", 1, "padding", 2);
        Shape in = Shape.of(3, 32, 32);
        assertEquals(Shape.of(10, 32, 32), conv.outputShape(in));
        // 10 filters x (5*5*3 weights + 1 bias)
        assertEquals(760, conv.parameterCount(in));
        assertEquals(760, conv.trainableParameterCount(in));
    }

    @Test
    void tenThreeByThreeFiltersOnThreeChannelsHave280Parameters() {
        AbstractLayer conv = layer("Conv2D", "filters", 10, "kernel_size", 3);
        assertEquals(280, conv.parameterCount(Shape.of(3, 32, 32)));
        AbstractLayer noBias = layer("Conv2D", "filters", 10, "kernel_size", 3, "use_bias", false);
        assertEquals(270, noBias.parameterCount(Shape.of(3, 32, 32)));
    }

    @Test
    void sevenBySevenInputWithThreeByThreeFilter() {
        Shape in = Shape.of(1, 7, 7);
        assertEquals(Shape.of(4, 5, 5), layer("Conv2D", "filters", 4, "kernel_size", 3, "strides", 1).outputShape(in));
        assertEquals(Shape.of(4, 3, 3), layer("Conv2D", "filters", 4, "kernel_size", 3, "strides", 2).outputShape(in));
        assertEquals(Shape.of(4, 7, 7), layer("Conv2D", "filters", 4, "kernel_size", 3, "padding", 1).outputShape(in));
        // (7 + 2*0 - 3)/3 + 1 = 2 (floor)
        assertEquals(Shape.of(4, 2, 2), layer("Conv2D", "filters", 4, "kernel_size", 3, "strides", 3).outputShape(in));
    }

    @Test
    void samePaddingWithStrideTwoAndEvenKernelPadsMoreAfter() {
        // n = 7, k = 4, s = 2: out = ceil(7/2) = 4; total = (4-1)*2 + 4 - 7 = 3 -> 1 before, 2 after
        assertArrayEquals(new int[] {1, 2}, Padding.same(7, 4, 2, 1));
        Conv2D conv = (Conv2D) layer("Conv2D", "filters", 2, "kernel_size", 4, "strides", 2, "padding", "same");
        Shape in = Shape.of(3, 7, 8);
        ConvParams p = conv.convParams(in);
        assertEquals(1, p.padTop());
        assertEquals(2, p.padBottom());
        // n = 8: out 4, total = 3*2 + 4 - 8 = 2 -> 1 and 1
        assertEquals(1, p.padLeft());
        assertEquals(1, p.padRight());
        assertEquals(Shape.of(2, 4, 4), conv.outputShape(in));
        // same with stride 1 keeps the size even for an even kernel (total 3 -> 1 before, 2 after)
        assertEquals(Shape.of(2, 7, 8), layer("Conv2D", "filters", 2, "kernel_size", 4, "padding", "same").outputShape(in));
        // dilation widens the kernel to d*(k-1)+1 = 5
        assertArrayEquals(new int[] {2, 2}, Padding.same(7, 3, 1, 2));
    }

    @Test
    void explicitAsymmetricPadding() {
        AbstractLayer conv = layer("Conv2D", "filters", 1, "kernel_size", 3, "padding", List.of(0, 1, 2, 3));
        // H: 5 + 0 + 2 - 3 + 1 = 5; W: 5 + 1 + 3 - 3 + 1 = 7
        assertEquals(Shape.of(1, 5, 7), conv.outputShape(Shape.of(1, 5, 5)));
    }

    @Test
    void poolingShapes() {
        assertEquals(Shape.of(32, 13, 13), layer("MaxPooling2D", "pool_size", 2).outputShape(Shape.of(32, 26, 26)));
        assertEquals(Shape.of(32, 14, 14), layer("MaxPooling2D", "pool_size", 2, "padding", "same").outputShape(Shape.of(32, 27, 27)));
        assertEquals(Shape.of(3, 3, 3), layer("AveragePooling2D", "pool_size", 3, "strides", 2).outputShape(Shape.of(3, 7, 7)));
        assertEquals(Shape.of(8), layer("GlobalAveragePooling2D").outputShape(Shape.of(8, 5, 5)));
        assertEquals(Shape.of(576), layer("Flatten").outputShape(Shape.of(64, 3, 3)));
    }

    @Test
    void denseAndBatchNormCounts() {
        assertEquals(576 * 64 + 64, layer("Dense", "units", 64).parameterCount(Shape.of(576)));
        assertEquals(576 * 64, layer("Dense", "units", 64, "use_bias", false).parameterCount(Shape.of(576)));
        AbstractLayer bn = layer("BatchNormalization");
        assertEquals(4 * 16, bn.parameterCount(Shape.of(16, 8, 8)));
        assertEquals(2 * 16, bn.trainableParameterCount(Shape.of(16, 8, 8)));
        AbstractLayer frozen = layer("Dense", "units", 10, "trainable", false);
        assertEquals(0, frozen.trainableParameterCount(Shape.of(5)));
    }

    @Test
    void residualBlockCountsAndProjection() {
        ResidualBlock same = (ResidualBlock) layer("ResidualBlock", "filters", 64);
        Shape in = Shape.of(64, 8, 8);
        assertEquals(in, same.outputShape(in));
        // two 3x3 convs without bias + two BNs (4 values per channel)
        assertEquals(2L * 64 * 64 * 9 + 2 * 4 * 64, same.parameterCount(in));
        ResidualBlock down = (ResidualBlock) layer("ResidualBlock", "filters", 128, "strides", 2);
        assertTrue(down.needsProjection(in));
        assertEquals(Shape.of(128, 4, 4), down.outputShape(in));
        assertEquals(128L * 64 * 9 + 128L * 128 * 9 + 128L * 64 + 3 * 4 * 128, down.parameterCount(in));
        assertEquals(Shape.of(128, 4, 4), down.outputShape(Shape.of(64, 7, 7)));
    }

    @Test
    void kernelLargerThanInputIsAShapeErrorNamingLayerAndShapes() {
        AbstractLayer conv = LayerFactory.create("Conv2D", "conv2d_3", Map.of("filters", 8, "kernel_size", 5));
        ShapeException e = assertThrows(ShapeException.class, () -> conv.outputShape(Shape.of(64, 3, 3)));
        assertEquals("layer conv2d_3 (Conv2D): input (64, 3, 3) is smaller than the 5×5 kernel", e.getMessage());
        AbstractLayer dense = LayerFactory.create("Dense", "dense_1", Map.of("units", 8));
        ShapeException d = assertThrows(ShapeException.class, () -> dense.outputShape(Shape.of(64, 3, 3)));
        assertTrue(d.getMessage().startsWith("layer dense_1 (Dense): expects a flat input (F), got (64, 3, 3)"), d.getMessage());
    }

    @Test
    void configErrorsAreOneLineAndNameTheKey() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> LayerFactory.create("Dense", "dense_1", Map.of("unit", 10)));
        assertEquals("unknown key 'unit' (did you mean 'units'?)", typo.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> LayerFactory.create("Dense", "dense_1", Map.of("units", 10, "activaton", "relu")));
        assertEquals("unknown key 'activaton' (did you mean 'activation'?)", extra.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> LayerFactory.create("Conv2D", "c", Map.of("filters", "32", "kernel_size", 3)));
        assertEquals("key 'filters' must be an integer, got \"32\"", type.getMessage());
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> LayerFactory.create("Dense", "d", Map.of("units", 3, "activation", "rleu")));
        assertTrue(act.getMessage().startsWith("key 'activation': unknown activation 'rleu'"), act.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> LayerFactory.create("Dropout", "d", Map.of("rate", 1.0)));
        assertEquals("key 'rate' must be in [0, 1), got 1.0", rate.getMessage());
        IllegalArgumentException unknownType = assertThrows(IllegalArgumentException.class,
                () -> LayerFactory.canonicalType("Conv2d3"));
        assertTrue(unknownType.getMessage().startsWith("unknown layer type 'Conv2d3' (did you mean 'Conv2D'?)"), unknownType.getMessage());
    }

    @Test
    void typeAliases() {
        assertEquals("Conv2D", LayerFactory.canonicalType("conv2d"));
        assertEquals("MaxPooling2D", LayerFactory.canonicalType("max_pooling2d"));
        assertEquals("BatchNormalization", LayerFactory.canonicalType("batch_normalization"));
        assertEquals("GlobalAveragePooling2D", LayerFactory.canonicalType("globalaveragepooling2d"));
        assertEquals("LeakyReLU", LayerFactory.canonicalType("leaky_relu"));
        assertEquals("ResidualBlock", LayerFactory.canonicalType("residual_block"));
    }
}
