package io.github.convnet4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void sizeAndSampleSize() {
        Shape s = Shape.of(64, 32, 13, 13);
        assertEquals(64L * 32 * 13 * 13, s.size());
        assertEquals(32 * 13 * 13, s.sampleSize());
        assertEquals(13, s.dim(-1));
        assertEquals(Shape.of(8, 32, 13, 13), s.withBatch(8));
        assertEquals("(64, 32, 13, 13)", s.toString());
        assertEquals("(10,)", Shape.of(10).toString());
    }

    @Test
    void rejectsNonPositiveAndOverflowingDimensions() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertThrows(ArithmeticException.class, () -> Shape.of(1 << 30, 1 << 30, 1 << 30));
    }
}
