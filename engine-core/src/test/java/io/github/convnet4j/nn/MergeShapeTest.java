package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge layers' registration and the output shapes they give (or refuse) without a backend. */
class MergeShapeTest {
    private static MergeLayer merge(String type) { return (MergeLayer) LayerFactory.create(type, "m", Map.of()); }

    private static String shapeError(MergeLayer l, Shape... in) {
        return assertThrows(ShapeException.class, () -> l.outputShape(List.of(in))).getMessage();
    }

    @Test
    void everyGraphLayerIsRegisteredUnderItsKerasName() {
        assertInstanceOf(Add.class, merge("Add"));
        assertInstanceOf(Multiply.class, merge("Multiply"));
        assertInstanceOf(Average.class, merge("Average"));
        assertInstanceOf(Maximum.class, merge("Maximum"));
        assertInstanceOf(Concatenate.class, merge("Concatenate"));
        assertInstanceOf(Concatenate.class, merge("concat"));
        assertInstanceOf(Reshape.class, LayerFactory.create("Reshape", "r", Map.of("target_shape", List.of(4))));
        assertInstanceOf(ZeroPadding2D.class, LayerFactory.create("ZeroPadding2D", "z", Map.of()));
        assertEquals("zero_padding2d", LayerFactory.namePrefix("ZeroPadding2D"));
        assertEquals("concatenate", LayerFactory.namePrefix("concat"));
    }

    @Test
    void mergeLayersRefuseTheSingleInputCalls() {
        MergeLayer add = merge("Add");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> add.outputShape(Shape.of(3)));
        assertEquals("layer m (Add) merges several inputs; the model calls it with all of them", e.getMessage());
    }

    @Test
    void multiplyTakesEqualShapesOrAChannelGateOnEitherSide() {
        MergeLayer m = merge("Multiply");
        Shape map = Shape.of(4, 3, 3);
        assertEquals(map, m.outputShape(List.of(map, map)));
        assertEquals(map, m.outputShape(List.of(Shape.of(4), map)));
        assertEquals(map, m.outputShape(List.of(map, Shape.of(4))));
        assertEquals(map, m.outputShape(List.of(Shape.of(4, 1, 1), map)));
        assertEquals(map, m.outputShape(List.of(map, Shape.of(4, 1, 1))));
        assertEquals(Shape.of(6), m.outputShape(List.of(Shape.of(6), Shape.of(6))));
        String want = "layer m (Multiply): inputs must have equal shapes, or be a (C) or (C, 1, 1) gate and a (C, H, W) map, got ";
        assertEquals(want + "(3,), (4, 3, 3)", shapeError(m, Shape.of(3), map));
        assertEquals(want + "(4, 3, 3), (4, 3, 2)", shapeError(m, map, Shape.of(4, 3, 2)));
        assertEquals(want + "(4, 1, 3), (4, 3, 3)", shapeError(m, Shape.of(4, 1, 3), map));
        assertEquals(want + "(4,), (6,)", shapeError(m, Shape.of(4), Shape.of(6)));
        assertEquals("layer m (Multiply): multiplies exactly two inputs, got 3", shapeError(m, map, map, map));
    }

    @Test
    void maximumNeedsEqualShapes() {
        MergeLayer m = merge("Maximum");
        assertEquals(Shape.of(2, 3), m.outputShape(List.of(Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 3))));
        assertEquals("layer m (Maximum): inputs must have equal shapes, got (2, 3), (2, 3), (3, 2)",
                shapeError(m, Shape.of(2, 3), Shape.of(2, 3), Shape.of(3, 2)));
    }
}
