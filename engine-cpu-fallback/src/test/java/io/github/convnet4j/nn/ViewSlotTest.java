package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A view is kept while the same source comes back with the same shape, and made again otherwise. */
class ViewSlotTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    @Test
    void batchedKeepsTheViewForTheSameSourceAndBatch() {
        ViewSlot slot = new ViewSlot();
        Tensor a = CPU.allocate(Shape.of(4, 2, 3));
        Tensor v = slot.batched(a, 4, Shape.of(6));
        assertEquals(Shape.of(4, 6), v.shape());
        assertSame(a.buffer(), v.buffer());
        assertSame(v, slot.batched(a, 4, Shape.of(6)));
        // the same source with another batch size: a new view of that size
        assertEquals(Shape.of(2, 6), slot.batched(a, 2, Shape.of(6)).shape());
        // another source with the same shape: a view of the new source, not the old one
        Tensor b = CPU.allocate(Shape.of(2, 2, 3));
        assertSame(b.buffer(), slot.batched(b, 2, Shape.of(6)).buffer());
        a.close();
        b.close();
    }

    @Test
    void ofKeepsTheViewForTheSameSourceAndShape() {
        ViewSlot slot = new ViewSlot();
        Tensor a = CPU.allocate(Shape.of(2, 6));
        Tensor v = slot.of(a, Shape.of(2, 2, 3));
        assertSame(a.buffer(), v.buffer());
        assertSame(v, slot.of(a, Shape.of(2, 2, 3)));
        assertEquals(Shape.of(2, 3, 2), slot.of(a, Shape.of(2, 3, 2)).shape());
        Tensor b = CPU.allocate(Shape.of(2, 6));
        assertSame(b.buffer(), slot.of(b, Shape.of(2, 3, 2)).buffer());
        a.close();
        b.close();
    }
}
