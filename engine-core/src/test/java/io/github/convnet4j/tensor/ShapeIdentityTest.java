package io.github.convnet4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When two shapes are the same, and that a shape cannot be changed from outside. */
class ShapeIdentityTest {
    @Test void equalShapesHaveEqualDimensionsInOrder() {
        assertEquals(Shape.of(2, 3, 4), Shape.of(2, 3, 4));
        assertEquals(Shape.of(2, 3, 4).hashCode(), Shape.of(2, 3, 4).hashCode());
        assertNotEquals(Shape.of(2, 3, 4), Shape.of(4, 3, 2), "same size, other order");
        assertNotEquals(Shape.of(6), Shape.of(2, 3), "same size, other rank");
        assertNotEquals(Shape.of(2, 3), Shape.of(2, 3, 1), "a trailing 1 is another shape");
        assertNotEquals(Shape.of(), Shape.of(1));
        assertNotEquals(Shape.of(2, 3), "(2, 3)", "not equal to its text");
        assertNotEquals(Shape.of(2, 3), null);
        assertEquals(Shape.of(), Shape.of());
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int a = 1; a <= 10; a++) for (int b = 1; b <= 10; b++) hashes.add(Shape.of(a, b).hashCode());
        assertTrue(hashes.size() > 50, "shapes are map keys (caches per shape): their hashes must spread, got " + hashes.size() + " of 100");
    }

    @Test void dimensionsAreCopiedInAndOut() {
        int[] dims = {5, 6};
        Shape s = Shape.of(dims);
        dims[0] = 99;
        assertEquals(5, s.dim(0), "changing the array given to of() leaves the shape alone");
        int[] out = s.dims();
        out[1] = 99;
        assertArrayEquals(new int[] {5, 6}, s.dims(), "changing dims() leaves the shape alone");
        Shape t = s.withBatch(7);
        assertEquals(Shape.of(5, 6), s, "withBatch makes a new shape");
        assertEquals(Shape.of(7, 6), t);
    }

    @Test void scalarsAndNegativeIndices() {
        Shape scalar = Shape.of();
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals("()", scalar.toString());
        Shape s = Shape.of(2, 3, 5);
        assertEquals(2, s.dim(-3));
        assertEquals(3, s.dim(-2));
        assertEquals(5, s.dim(2));
        assertEquals(15, s.sampleSize());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(4, -1));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(7).withBatch(0));
        assertEquals(Integer.MAX_VALUE * 2L, Shape.of(Integer.MAX_VALUE, 2).size(), "sizes are longs");
    }
}
