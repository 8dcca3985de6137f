package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** One set of batch tensors per batch size, reused; closing frees every one and forgets them. */
class DeviceBatchesTest {
    @Test void oneSetPerBatchSizeAllFreedOnClose() {
        try (Backend cpu = new CpuBackendProvider().open("")) {
            CountingBackend b = new CountingBackend(cpu);
            DeviceBatches d = new DeviceBatches(b, DType.F32, Shape.of(1, 2, 2), 3);
            DeviceBatches.Set four = d.get(4);
            assertSame(four, d.get(4));
            assertEquals(Shape.of(4, 1, 2, 2), four.input().shape());
            assertEquals(Shape.of(4, 3), four.target().shape());
            assertEquals(Shape.of(4, 3), four.scratch().shape());
            DeviceBatches.Set two = d.get(2);
            assertEquals(Shape.of(2, 1, 2, 2), two.input().shape());
            assertEquals(6, b.allocations());
            d.close();
            for (Tensor t : b.tensors()) assertTrue(b.closed(t), t.toString());
            DeviceBatches.Set again = d.get(4);
            assertNotSame(four, again, "a closed set is never handed out again");
            assertFalse(b.closed(again.input()));
            d.close();
            assertTrue(b.closed(again.input()));
        }
    }
}
