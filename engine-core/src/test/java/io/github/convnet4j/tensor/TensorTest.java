package io.github.convnet4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A tensor is a shape over a buffer that must be big enough: a view larger than its memory would
 * let an op read or write past the buffer's end (on a GPU, someone else's memory).
 */
class TensorTest {
    /** A buffer that only knows its length; no backend reads it here. */
    private record Buffer(long length) implements DeviceBuffer {
        @Override public DType dtype() { return DType.F32; }
        @Override public void close() {}
    }

    @Test
    void refusesABufferTooSmallForItsShape() {
        // (2, 3, 4) needs 24 elements
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor(null, new Buffer(23), Shape.of(2, 3, 4)));
        assertEquals("buffer of 23 elements cannot hold shape (2, 3, 4)", e.getMessage());
    }

    @Test
    void acceptsABufferOfExactlyOrMoreThanTheShapesSize() {
        assertEquals(24, new Tensor(null, new Buffer(24), Shape.of(2, 3, 4)).size());
        Tensor t = new Tensor(null, new Buffer(100), Shape.of(2, 3, 4));
        assertEquals(Shape.of(2, 3, 4), t.shape());
        assertEquals(4, t.dim(-1));
    }

    @Test
    void reshapeViewsTheSameBufferUpToItsLength() {
        Buffer b = new Buffer(24);
        Tensor t = new Tensor(null, b, Shape.of(2, 12));
        Tensor v = t.reshape(Shape.of(4, 6));
        assertSame(b, v.buffer());
        assertEquals(Shape.of(4, 6), v.shape());
        // smaller is fine (a last, smaller batch reuses the memory of a bigger one)
        assertEquals(Shape.of(1, 12), t.reshape(Shape.of(1, 12)).shape());
    }

    @Test
    void reshapeRefusesAViewBiggerThanTheBuffer() {
        Tensor t = new Tensor(null, new Buffer(24), Shape.of(2, 12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.reshape(Shape.of(5, 5)));
        assertTrue(e.getMessage().startsWith("cannot view (2, 12) as (5, 5): 25 > 24"), e.getMessage());
    }
}
