package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The padding settings of ZeroPadding2D, the 1-D layers and the 3-D layers: every accepted
 * spelling resolves to the amounts it names (0 included), and every bad one is refused with the
 * key and the value.
 */
class PaddingConfigTest {
    private static AbstractLayer layer(String type, Object... kv) {
        return LayerFactory.create(type, type.toLowerCase() + "_1", LayerConfig.of(kv).values());
    }

    private static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

    private static int[] zeroPadding(Object padding) { return ((ZeroPadding2D) layer("ZeroPadding2D", "padding", padding)).amounts(); }

    @Test
    void zeroPaddingSpellings() {
        assertArrayEquals(new int[] {1, 1, 1, 1}, ((ZeroPadding2D) layer("ZeroPadding2D")).amounts());
        assertArrayEquals(new int[] {2, 2, 2, 2}, zeroPadding(2));
        assertArrayEquals(new int[] {0, 0, 0, 0}, zeroPadding(0));
        assertArrayEquals(new int[] {1, 1, 2, 2}, zeroPadding(List.of(1, 2)));
        assertArrayEquals(new int[] {0, 0, 0, 0}, zeroPadding(List.of(0, 0)));
        assertArrayEquals(new int[] {1, 2, 3, 4}, zeroPadding(List.of(List.of(1, 2), List.of(3, 4))));
        assertArrayEquals(new int[] {0, 0, 0, 0}, zeroPadding(List.of(List.of(0, 0), List.of(0, 0))));
        // ONNX order: top, left, bottom, right
        ZeroPadding2D z = (ZeroPadding2D) layer("ZeroPadding2D", "padding", List.of(List.of(1, 2), List.of(3, 4)));
        assertArrayEquals(new int[] {1, 3, 2, 4}, z.pads());
        // (2, 3, 4) -> (2, 1 + 3 + 2, 3 + 4 + 4)
        assertEquals(Shape.of(2, 6, 11), z.outputShape(Shape.of(2, 3, 4)));
        ShapeException e = assertThrows(ShapeException.class, () -> z.outputShape(Shape.of(2, 3)));
        assertEquals("layer zeropadding2d_1 (ZeroPadding2D): expects an image input (C, H, W), got (2, 3)", e.getMessage());
    }

    @Test
    void zeroPaddingRefusals() {
        String want = "key 'padding' must be an integer >= 0, [h, w] or [[top, bottom], [left, right]], got ";
        for (Object bad : List.<Object>of(-1, List.of(-1, 0), List.of(0, -1), List.of(1, 2, 3), List.of(1), "same",
                List.of(List.of(1, -1), List.of(0, 0)), List.of(List.of(0, 0), List.of(0, -2)), List.of(List.of(1), List.of(2, 3)),
                List.of(List.of(1, 2), List.of(3)), List.of(List.of(1, 2), 3), List.of(List.of(1, "2"), List.of(3, 4)))) {
            assertEquals(want + bad, error(() -> layer("ZeroPadding2D", "padding", bad)), String.valueOf(bad));
        }
    }

    private static int[] conv1dPads(Object padding, int length, int kernel, int stride, int dilation) {
        Conv1D c = (Conv1D) layer("Conv1D", "filters", 1, "kernel_size", kernel, "strides", stride, "dilation_rate", dilation,
                "padding", padding);
        ConvParams p = c.params(length);
        assertEquals(0, p.padTop());
        assertEquals(0, p.padBottom());
        return new int[] {p.padLeft(), p.padRight()};
    }

    @Test
    void conv1dPaddingSpellings() {
        assertArrayEquals(new int[] {0, 0}, conv1dPads("valid", 7, 3, 1, 1));
        assertArrayEquals(new int[] {0, 0}, conv1dPads("VALID", 7, 3, 1, 1));
        // same, n = 7, k = 4, s = 2: out 4, total (4-1)*2 + 4 - 7 = 3
        assertArrayEquals(new int[] {1, 2}, conv1dPads("same", 7, 4, 2, 1));
        assertArrayEquals(new int[] {1, 2}, conv1dPads("Same", 7, 4, 2, 1));
        // causal: d*(k-1) before, nothing after
        assertArrayEquals(new int[] {4, 0}, conv1dPads("causal", 7, 3, 1, 2));
        assertArrayEquals(new int[] {2, 2}, conv1dPads(2, 7, 3, 1, 1));
        assertArrayEquals(new int[] {0, 0}, conv1dPads(0, 7, 3, 1, 1));
        assertArrayEquals(new int[] {1, 3}, conv1dPads(List.of(1, 3), 7, 3, 1, 1));
        assertArrayEquals(new int[] {0, 0}, conv1dPads(List.of(0, 0), 7, 3, 1, 1));
        // explicit amounts reach the output length: 7 + 1 + 3 - 3 + 1 = 9
        assertEquals(Shape.of(1, 9), layer("Conv1D", "filters", 1, "kernel_size", 3, "padding", List.of(1, 3)).outputShape(Shape.of(2, 7)));
    }

    @Test
    void conv1dPaddingRefusals() {
        assertEquals("key 'padding' must be \"valid\", \"same\", \"causal\", an integer or [before, after], got \"full\"",
                error(() -> layer("Conv1D", "filters", 1, "kernel_size", 3, "padding", "full")));
        // pooling has no causal padding
        assertEquals("key 'padding' must be \"valid\", \"same\", an integer or [before, after], got \"causal\"",
                error(() -> layer("MaxPooling1D", "padding", "causal")));
        String want = "key 'padding' must be a keyword, an integer >= 0 or [before, after], got ";
        for (Object bad : List.<Object>of(-1, List.of(-1, 0), List.of(0, -1), List.of(1, 2, 3), List.of(1), List.of("1", 2),
                List.of(1, "2"), 1.5)) {
            assertEquals(want + bad, error(() -> layer("Conv1D", "filters", 1, "kernel_size", 3, "padding", bad)), String.valueOf(bad));
        }
        assertEquals("key 'padding' must be \"valid\" or \"same\"", error(() -> layer("MaxPooling1D", "padding", 1)));
    }

    @Test
    void pooling1dPaddingAndShapes() {
        Pooling1D same = (Pooling1D) layer("MaxPooling1D", "pool_size", 3, "strides", 2, "padding", "same");
        // n = 6, k = 3, s = 2: out 3, total (3-1)*2 + 3 - 6 = 1 -> 0 before, 1 after
        PoolParams p = same.params(6);
        assertEquals(0, p.padLeft());
        assertEquals(1, p.padRight());
        assertEquals(Shape.of(4, 3), same.outputShape(Shape.of(4, 6)));
        AbstractLayer valid = layer("AveragePooling1D", "pool_size", 3);
        assertEquals(Shape.of(4, 1), valid.outputShape(Shape.of(4, 3)));
        ShapeException shortInput = assertThrows(ShapeException.class, () -> valid.outputShape(Shape.of(4, 2)));
        assertEquals("layer averagepooling1d_1 (AveragePooling1D): input (4, 2) is shorter than the pool window of 3", shortInput.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> valid.outputShape(Shape.of(4, 2, 9)));
        assertEquals("layer averagepooling1d_1 (AveragePooling1D): expects a sequence input (C, L), got (4, 2, 9)", rank.getMessage());
    }

    @Test
    void window3dTriples() {
        Conv3D c = (Conv3D) layer("Conv3D", "filters", 2, "kernel_size", List.of(1, 2, 3), "padding", List.of(1, 0, 2));
        Conv3dParams p = c.convParams(Shape.of(1, 4, 4, 4));
        assertEquals(List.of(1, 0, 2, 1, 0, 2), List.of(p.padFront(), p.padTop(), p.padLeft(), p.padBack(), p.padBottom(), p.padRight()));
        assertEquals(List.of(1, 1, 1), List.of(p.strideD(), p.strideH(), p.strideW()));
        // D: 4 + 2 - 1 + 1 = 6; H: 4 - 2 + 1 = 3; W: 4 + 4 - 3 + 1 = 6
        assertEquals(Shape.of(2, 6, 3, 6), c.outputShape(Shape.of(1, 4, 4, 4)));
        Conv3D ones = (Conv3D) layer("Conv3D", "filters", 1, "kernel_size", List.of(1, 1, 1), "strides", 2, "padding", "VALID");
        assertEquals(Shape.of(1, 2, 2, 2), ones.outputShape(Shape.of(1, 3, 4, 3)));
        assertEquals("missing required key 'kernel_size'", error(() -> layer("Conv3D", "filters", 1)));
        String want = "key 'kernel_size' must be an integer >= 1 or [depth, height, width], got ";
        for (Object bad : List.<Object>of(0, List.of(1, 2), List.of(0, 1, 1), List.of(1, 1, 0), List.of(1, "2", 3), List.of(1, 2, 3, 4))) {
            assertEquals(want + bad, error(() -> layer("Conv3D", "filters", 1, "kernel_size", bad)), String.valueOf(bad));
        }
        assertEquals("key 'padding' must be \"valid\" or \"same\", an integer or [d, h, w], got full",
                error(() -> layer("Conv3D", "filters", 1, "kernel_size", 1, "padding", "full")));
        assertEquals("key 'padding' must be \"valid\" or \"same\", got full", error(() -> layer("MaxPooling3D", "padding", "full")));
        assertEquals("key 'padding' must be \"valid\" or \"same\", got 1", error(() -> layer("MaxPooling3D", "padding", 1)));
        assertEquals("key 'padding' must be an integer >= 0 or [depth, height, width], got -1",
                error(() -> layer("Conv3D", "filters", 1, "kernel_size", 1, "padding", -1)));
    }

    @Test
    void pooling3dSamePadding() {
        Pooling3D p = (Pooling3D) layer("MaxPooling3D", "pool_size", List.of(2, 3, 2), "padding", "same");
        // strides default to the pool: D 5 -> 3 (total 1), H 7 -> 3 (total (3-1)*3 + 3 - 7 = 2), W 4 -> 2 (total 0)
        assertEquals(Shape.of(2, 3, 3, 2), p.outputShape(Shape.of(2, 5, 7, 4)));
        PoolParams plane = p.planeParams(Shape.of(2, 5, 7, 4)), depth = p.depthParams(Shape.of(2, 5, 7, 4));
        assertEquals(List.of(1, 0, 1, 0), List.of(plane.padTop(), plane.padLeft(), plane.padBottom(), plane.padRight()));
        assertEquals(List.of(0, 1), List.of(depth.padTop(), depth.padBottom()));
    }
}
