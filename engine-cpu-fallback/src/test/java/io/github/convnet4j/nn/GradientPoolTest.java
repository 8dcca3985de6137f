package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The pool lends a buffer to one node, keeps it while someone holds it, and lends it again (as a
 * view, the smallest that fits) once nobody does; tensors from elsewhere are never its business.
 */
class GradientPoolTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    @Test
    void aBufferIsLentAgainOnlyWhenTheNodeIsDoneAndNoHolderIsLeft() {
        try (GradientPool pool = new GradientPool(true)) {
            Tensor a = pool.acquire(CPU, Shape.of(4, 3), DType.F32);
            Tensor b = pool.acquire(CPU, Shape.of(4, 3), DType.F32);
            assertNotSame(a.buffer(), b.buffer(), "two requests of one node");
            pool.retain(a);
            pool.endNode();
            Tensor c = pool.acquire(CPU, Shape.of(4, 3), DType.F32);
            assertSame(b.buffer(), c.buffer(), "b had no holder: free after its node");
            pool.endNode();
            pool.release(a);
            assertSame(a.buffer(), pool.acquire(CPU, Shape.of(4, 3), DType.F32).buffer(), "a released");
            assertEquals(2, pool.buffers());
            assertEquals(24, pool.allocatedElements());
        }
    }

    @Test
    void theSmallestFreeBufferThatFitsServesAsAViewAndTheViewIsKept() {
        try (GradientPool pool = new GradientPool(true)) {
            Tensor big = pool.acquire(CPU, Shape.of(8, 4), DType.F32);
            Tensor mid = pool.acquire(CPU, Shape.of(4, 4), DType.F32);
            pool.endNode();
            Tensor small = pool.acquire(CPU, Shape.of(2, 4), DType.F32);
            assertSame(mid.buffer(), small.buffer(), "16 fits 8 better than 32");
            assertEquals(Shape.of(2, 4), small.shape());
            pool.endNode();
            assertSame(small, pool.acquire(CPU, Shape.of(2, 4), DType.F32), "the view is not made again");
            pool.endNode();
            assertSame(big, pool.acquire(CPU, Shape.of(8, 4), DType.F32), "only the first holds 32");
            pool.endNode();
            Tensor batched = pool.acquireBatch(CPU, 2, Shape.of(4), DType.F32);
            assertSame(small, batched, "(2, 4) as a batch of 2 of (4) is the same view");
            pool.endNode();
            Tensor f64 = pool.acquire(CPU, Shape.of(2, 4), DType.F64);
            assertFalse(f64.buffer() == big.buffer() || f64.buffer() == mid.buffer(), "another dtype gets its own");
            assertEquals(3, pool.buffers());
        }
    }

    @Test
    void exclusiveMeansFromThePoolWithOneHolder() {
        try (GradientPool pool = new GradientPool(true); Tensor outside = CPU.allocate(Shape.of(2), DType.F32)) {
            Tensor a = pool.acquire(CPU, Shape.of(2), DType.F32);
            Tensor view = a.reshape(Shape.of(1, 2));
            pool.retain(view);
            assertFalse(pool.exclusive(a), "lent to the node and held");
            pool.endNode();
            assertTrue(pool.exclusive(a), "held once, through a view of its buffer");
            pool.retain(a);
            assertFalse(pool.exclusive(view), "held twice");
            pool.retain(outside);
            pool.release(outside);
            assertFalse(pool.exclusive(outside), "not the pool's");
            pool.release(a);
            pool.release(a);
            assertThrows(IllegalStateException.class, () -> pool.release(a), "released more often than retained");
        }
    }

    @Test
    void resetFreesEverythingAndWithoutReuseEveryRequestOfAPassHasItsOwnBuffer() {
        try (GradientPool pool = new GradientPool(false)) {
            Tensor a = pool.acquire(CPU, Shape.of(3), DType.F32);
            pool.endNode();
            Tensor b = pool.acquire(CPU, Shape.of(3), DType.F32);
            assertNotSame(a.buffer(), b.buffer(), "not lent again within the pass");
            pool.endNode();
            pool.reset();
            assertSame(a.buffer(), pool.acquire(CPU, Shape.of(3), DType.F32).buffer(), "the next pass reuses the first pass's buffers");
            assertSame(b.buffer(), pool.acquire(CPU, Shape.of(3), DType.F32).buffer());
            assertEquals(2, pool.buffers());
        }
    }

    @Test
    void closeFreesEveryBuffer() {
        GradientPool pool = new GradientPool(true);
        Tensor a = pool.acquire(CPU, Shape.of(3), DType.F32);
        pool.retain(a);
        pool.close();
        assertTrue(CpuTensors.isFreed(CPU, a));
        assertEquals(0, pool.buffers());
    }
}
