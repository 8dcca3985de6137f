package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Output sizes, "too small" errors at the exact boundary, and the Keras fans of the kernels of the
 * convolution and pooling layers beyond Conv2D (values worked by hand in the comments).
 */
class ConvGeometryTest {
    private static AbstractLayer layer(String type, Object... kv) {
        return LayerFactory.create(type, "l", LayerConfig.of(kv).values());
    }

    private static String shapeError(AbstractLayer l, Shape in) {
        return assertThrows(ShapeException.class, () -> l.outputShape(in)).getMessage();
    }

    /** {fanIn, fanOut} of each kernel (the bias carries its kernel's fans too). */
    private static List<List<Integer>> fans(AbstractLayer l, Shape in) {
        return l.parameterSpecs(in).stream().filter(s -> s.localName().endsWith("kernel")).map(s -> List.of(s.fanIn(), s.fanOut())).toList();
    }

    @Test
    void conv1dLengthsAndErrors() {
        AbstractLayer c = layer("Conv1D", "filters", 4, "kernel_size", 3);
        assertEquals(Shape.of(4, 1), c.outputShape(Shape.of(2, 3)));
        assertEquals("layer l (Conv1D): input (2, 2) is shorter than the kernel of 3", shapeError(c, Shape.of(2, 2)));
        assertEquals("layer l (Conv1D): expects a sequence input (C, L), got (2, 3, 3)", shapeError(c, Shape.of(2, 3, 3)));
        // dilation 2 widens the kernel to 5
        AbstractLayer d = layer("Conv1D", "filters", 4, "kernel_size", 3, "dilation_rate", 2);
        assertEquals("layer l (Conv1D): input (2, 4) is shorter than the kernel of 3 with dilation 2", shapeError(d, Shape.of(2, 4)));
        assertEquals(Shape.of(4, 1), d.outputShape(Shape.of(2, 5)));
        // kernel (4, 2, 3): fan in C*k = 6, fan out F*k = 12
        assertEquals(List.of(List.of(6, 12)), fans(c, Shape.of(2, 7)));
    }

    @Test
    void depthwiseAndSeparableWindows() {
        AbstractLayer dw = layer("DepthwiseConv2D", "kernel_size", List.of(3, 2), "depth_multiplier", 3);
        // (2, 5, 4) -> (6, 3, 3); fans: R*S*C = 12 in, R*S*M = 18 out
        assertEquals(Shape.of(6, 3, 3), dw.outputShape(Shape.of(2, 5, 4)));
        assertEquals(List.of(List.of(12, 18)), fans(dw, Shape.of(2, 5, 4)));
        AbstractLayer sep = layer("SeparableConv2D", "filters", 5, "kernel_size", List.of(3, 2), "depth_multiplier", 3);
        assertEquals(Shape.of(5, 3, 3), sep.outputShape(Shape.of(2, 5, 4)));
        // depthwise as above; pointwise (5, 6, 1, 1): 6 in, 5 out
        assertEquals(List.of(List.of(12, 18), List.of(6, 5)), fans(sep, Shape.of(2, 5, 4)));
        assertEquals("layer l (SeparableConv2D): expects an image input (C, H, W), got (2, 5)", shapeError(sep, Shape.of(2, 5)));
    }

    @Test
    void conv2dNeedsAnImageAtLeastAsBigAsItsKernel() {
        AbstractLayer conv = layer("Conv2D", "filters", 4, "kernel_size", 3);
        assertEquals("layer l (Conv2D): expects an image input (C, H, W), got (12,); it cannot follow Flatten, Dense or global pooling",
                shapeError(conv, Shape.of(12)));
        // exactly the kernel: one output position; one row or column less: none
        assertEquals(Shape.of(4, 1, 1), conv.outputShape(Shape.of(2, 3, 3)));
        assertEquals("layer l (Conv2D): input (2, 2, 3) is smaller than the 3×3 kernel", shapeError(conv, Shape.of(2, 2, 3)));
        assertEquals("layer l (Conv2D): input (2, 3, 2) is smaller than the 3×3 kernel", shapeError(conv, Shape.of(2, 3, 2)));
    }

    @Test
    void aConvolutionReadsItsOptionsOnce() {
        // a second read would own a second activation stage and replace the options the parameters were sized with
        ConvolutionLayer conv = (ConvolutionLayer) layer("Conv2D", "filters", 4, "kernel_size", 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> conv.readOptions(new LayerConfig(Map.of("filters", 4, "kernel_size", 3)), "kernel"));
        assertEquals("layer l (Conv2D) has read its options already", e.getMessage());
    }

    @Test
    void windowTooSmallNamesDilationAndPaddingOnlyWhenThere() {
        AbstractLayer plain = layer("DepthwiseConv2D", "kernel_size", 3);
        assertEquals(Shape.of(1, 1, 1), plain.outputShape(Shape.of(1, 3, 3)));
        assertEquals("layer l (DepthwiseConv2D): input (1, 2, 3) is smaller than the 3×3 kernel", shapeError(plain, Shape.of(1, 2, 3)));
        assertEquals("layer l (DepthwiseConv2D): input (1, 3, 2) is smaller than the 3×3 kernel", shapeError(plain, Shape.of(1, 3, 2)));
        AbstractLayer dilatedH = layer("DepthwiseConv2D", "kernel_size", 3, "dilation_rate", List.of(2, 1));
        assertEquals("layer l (DepthwiseConv2D): input (1, 4, 9) is smaller than the 3×3 kernel with dilation 2×1",
                shapeError(dilatedH, Shape.of(1, 4, 9)));
        AbstractLayer dilatedW = layer("DepthwiseConv2D", "kernel_size", 3, "dilation_rate", List.of(1, 2));
        assertEquals("layer l (DepthwiseConv2D): input (1, 9, 4) is smaller than the 3×3 kernel with dilation 1×2",
                shapeError(dilatedW, Shape.of(1, 9, 4)));
        // one padded side each ([top, left, bottom, right]); 1 + 1 - 3 + 1 = 0 rows or columns
        String[] sides = {"top", "left", "bottom", "right"};
        for (int side = 0; side < 4; side++) {
            Integer[] pad = {0, 0, 0, 0};
            pad[side] = 1;
            AbstractLayer padded = layer("DepthwiseConv2D", "kernel_size", 3, "padding", List.of(pad));
            Shape in = side % 2 == 0 ? Shape.of(1, 1, 5) : Shape.of(1, 5, 1);
            assertEquals("layer l (DepthwiseConv2D): input " + in + " is smaller than the 3×3 kernel after padding",
                    shapeError(padded, in), sides[side]);
        }
    }

    @Test
    void transposedConvolutionLengths() {
        // valid, no output_padding: n*s + max(k - s, 0) = 3*2 + 1 = 7; same: n*s = 6
        assertEquals(Shape.of(4, 7, 7), layer("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2).outputShape(Shape.of(2, 3, 3)));
        assertEquals(Shape.of(4, 6, 6),
                layer("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2, "padding", "same").outputShape(Shape.of(2, 3, 3)));
        // output_padding 1, valid: (3-1)*2 + 3 + 1 = 8
        assertEquals(Shape.of(4, 8, 8), layer("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2, "output_padding", 1)
                .outputShape(Shape.of(2, 3, 3)));
        // output_padding 1, same, k = 5: pad 5/2 = 2 each side, (3-1)*2 + 5 - 4 + 1 = 6
        Conv2DTranspose same5 = (Conv2DTranspose) layer("Conv2DTranspose", "filters", 4, "kernel_size", 5, "strides", 2,
                "padding", "same", "output_padding", 1);
        assertEquals(Shape.of(4, 6, 6), same5.outputShape(Shape.of(2, 3, 3)));
        ConvParams p = same5.convParams(Shape.of(2, 3, 3));
        assertEquals(List.of(2, 2, 2, 2), List.of(p.padTop(), p.padBottom(), p.padLeft(), p.padRight()));
    }

    @Test
    void transposedConvolutionEmptyOutputAndFans() {
        // n = 1, k = 2, same, output_padding 0: (1-1)*1 + 2 - 2*1 + 0 = 0 along that axis; n = 3 gives 2
        AbstractLayer t = layer("Conv2DTranspose", "filters", 4, "kernel_size", 2, "padding", "same", "output_padding", 0);
        assertEquals("layer l (Conv2DTranspose): input (1, 1, 3) gives an empty output 0×2", shapeError(t, Shape.of(1, 1, 3)));
        assertEquals("layer l (Conv2DTranspose): input (1, 3, 1) gives an empty output 2×0", shapeError(t, Shape.of(1, 3, 1)));
        assertEquals(Shape.of(4, 1, 2), t.outputShape(Shape.of(1, 2, 3)));
        assertEquals("layer l (Conv2DTranspose): expects an image input (C, H, W), got (1, 3)", shapeError(t, Shape.of(1, 3)));
        // kernel (C, F, R, S) = (3, 4, 3, 2): fan in F*R*S = 24, fan out C*R*S = 18
        AbstractLayer f = layer("Conv2DTranspose", "filters", 4, "kernel_size", List.of(3, 2));
        assertEquals(List.of(List.of(24, 18)), fans(f, Shape.of(3, 5, 5)));
    }

    @Test
    void transposedConvolutionOutputPaddingMustBeBelowTheStrides() {
        assertEquals("key 'output_padding' must be below the strides 2×2, got 2×0",
                assertThrows(IllegalArgumentException.class,
                        () -> layer("Conv2DTranspose", "filters", 1, "kernel_size", 3, "strides", 2, "output_padding", List.of(2, 0))).getMessage());
        assertEquals("key 'output_padding' must be below the strides 2×2, got 0×2",
                assertThrows(IllegalArgumentException.class,
                        () -> layer("Conv2DTranspose", "filters", 1, "kernel_size", 3, "strides", 2, "output_padding", List.of(0, 2))).getMessage());
        // one below the strides is fine: (2-1)*2 + 3 + 1 = 6 rows, (2-1)*3 + 3 + 2 = 8 columns
        assertEquals(Shape.of(1, 6, 8), layer("Conv2DTranspose", "filters", 1, "kernel_size", 3, "strides", List.of(2, 3),
                "output_padding", List.of(1, 2)).outputShape(Shape.of(1, 2, 2)));
    }

    @Test
    void volumesAtTheBoundary() {
        AbstractLayer conv = layer("Conv3D", "filters", 4, "kernel_size", List.of(1, 2, 3));
        assertEquals(Shape.of(4, 1, 1, 1), conv.outputShape(Shape.of(2, 1, 2, 3)));
        for (Shape small : List.of(Shape.of(2, 1, 1, 3), Shape.of(2, 1, 2, 2))) {
            assertEquals("layer l (Conv3D): input " + small + " is smaller than the 1×2×3 kernel", shapeError(conv, small));
        }
        AbstractLayer deep = layer("Conv3D", "filters", 4, "kernel_size", List.of(2, 1, 1));
        assertEquals("layer l (Conv3D): input (2, 1, 5, 5) is smaller than the 2×1×1 kernel", shapeError(deep, Shape.of(2, 1, 5, 5)));
        assertEquals("layer l (Conv3D): expects a volume input (C, D, H, W), got (2, 2, 3)", shapeError(conv, Shape.of(2, 2, 3)));
        // kernel (4, 2, 1, 2, 3): field 6, fan in C*6 = 12, fan out F*6 = 24
        assertEquals(List.of(List.of(12, 24)), fans(conv, Shape.of(2, 4, 4, 4)));

        AbstractLayer pool = layer("AveragePooling3D", "pool_size", List.of(2, 2, 2));
        assertEquals(Shape.of(3, 1, 1, 1), pool.outputShape(Shape.of(3, 2, 2, 2)));
        for (Shape small : List.of(Shape.of(3, 1, 2, 2), Shape.of(3, 2, 1, 2), Shape.of(3, 2, 2, 1))) {
            assertEquals("layer l (AveragePooling3D): input " + small + " is smaller than the 2×2×2 pool window", shapeError(pool, small));
        }
        assertEquals("layer l (AveragePooling3D): expects a volume input (C, D, H, W), got (3, 2, 2)", shapeError(pool, Shape.of(3, 2, 2)));
    }

    @Test
    void batchNormalizationAndDropoutSettings() {
        BatchNormalization edges = (BatchNormalization) layer("BatchNormalization", "momentum", 1.0, "epsilon", 1e-12);
        assertEquals(0.0, edges.bnParams().averagingFactor());
        assertEquals(1e-12, edges.bnParams().epsilon());
        assertEquals(1.0, ((BatchNormalization) layer("BatchNormalization", "momentum", 0.0)).bnParams().averagingFactor());
        for (double bad : new double[] {-0.01, 1.01}) {
            assertEquals("key 'momentum' must be in [0, 1], got " + bad, assertThrows(IllegalArgumentException.class,
                    () -> layer("BatchNormalization", "momentum", bad)).getMessage());
        }
        assertEquals("key 'epsilon' must be > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> layer("BatchNormalization", "epsilon", 0.0)).getMessage());
        AbstractLayer bn = layer("BatchNormalization");
        assertEquals(Shape.of(5), bn.outputShape(Shape.of(5)));
        assertEquals(Shape.of(5, 2, 2), bn.outputShape(Shape.of(5, 2, 2)));
        assertEquals("layer l (BatchNormalization): expects (C, H, W) or (F) input, got (5, 2)", shapeError(bn, Shape.of(5, 2)));
        assertEquals("layer l (BatchNormalization): expects (C, H, W) or (F) input, got (5, 2, 2, 2)", shapeError(bn, Shape.of(5, 2, 2, 2)));

        assertEquals(0.0, ((Dropout) layer("Dropout", "rate", 0.0)).rate());
        assertEquals(0.25, ((Dropout) layer("Dropout", "rate", 0.25)).rate());
        assertEquals("missing required key 'rate'", assertThrows(IllegalArgumentException.class, () -> layer("Dropout")).getMessage());
        assertEquals("key 'rate' must be in [0, 1), got -0.1", assertThrows(IllegalArgumentException.class,
                () -> layer("Dropout", "rate", -0.1)).getMessage());
    }
}
