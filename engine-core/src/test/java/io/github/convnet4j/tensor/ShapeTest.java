package io.github.convnet4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void isComparesTheRankAndEveryDimension() {
        Shape s = Shape.of(2, 3, 5, 7);
        assertTrue(s.is(2, 3, 5, 7));
        // each dimension on its own decides
        assertFalse(s.is(9, 3, 5, 7));
        assertFalse(s.is(2, 9, 5, 7));
        assertFalse(s.is(2, 3, 9, 7));
        assertFalse(s.is(2, 3, 5, 9));
        // a rank-5 shape whose first four dimensions match is not (2, 3, 5, 7)
        assertFalse(Shape.of(2, 3, 5, 7, 1).is(2, 3, 5, 7));
        // nor is a rank-3 one (would index past its end without the rank check)
        assertFalse(Shape.of(2, 3, 5).is(2, 3, 5, 7));
    }

    @Test
    void isBatchOfNeedsOneMoreAxisTheBatchSizeAndTheSampleDimensions() {
        Shape sample = Shape.of(3, 5, 7);
        assertTrue(Shape.of(4, 3, 5, 7).isBatchOf(4, sample));
        assertTrue(Shape.of(1, 10).isBatchOf(1, Shape.of(10)));
        assertFalse(Shape.of(4, 3, 5, 7).isBatchOf(2, sample), "other batch size");
        assertFalse(Shape.of(4, 3, 5, 8).isBatchOf(4, sample), "last sample dimension differs");
        assertFalse(Shape.of(4, 9, 5, 7).isBatchOf(4, sample), "first sample dimension differs");
        assertFalse(Shape.of(3, 5, 7).isBatchOf(3, sample), "the sample itself is no batch of it");
        assertFalse(Shape.of(4, 3, 5, 7, 1).isBatchOf(4, sample), "one axis too many");
        // (4, 3, 5, 7) is a batch of (3, 5, 7) but not of the same dims flattened differently
        assertFalse(Shape.of(4, 105).isBatchOf(4, sample));
    }
}
