package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A slot hands back the same tensor for a repeated shape, a view of its allocation for a smaller
 * one, and a fresh allocation (freeing the old one) when the size, dtype or backend changes. A CPU
 * buffer that was freed refuses to be read, which is how these tests see what was closed.
 *
 * <p>Equivalent mutants left alone: the four on {@code batched}'s shortcut (without it, {@code get}
 * finds the same tensor; only a batched shape is made on the way).
 */
class TensorSlotTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    private static boolean isFreed(Tensor t) { return CpuTensors.isFreed(CPU, t); }

    @Test
    void aRepeatedShapeGetsTheSameTensor() {
        TensorSlot slot = new TensorSlot();
        Tensor a = slot.get(CPU, Shape.of(4, 3), DType.F32);
        assertEquals(Shape.of(4, 3), a.shape());
        assertSame(a, slot.get(CPU, Shape.of(4, 3), DType.F32));
        slot.close();
    }

    @Test
    void aSmallerShapeIsAViewOfTheAllocationAndRepeatsWithoutANewView() {
        TensorSlot slot = new TensorSlot();
        Tensor big = slot.get(CPU, Shape.of(4, 3), DType.F32);
        Tensor small = slot.get(CPU, Shape.of(2, 3), DType.F32);
        assertSame(big.buffer(), small.buffer());
        assertEquals(Shape.of(2, 3), small.shape());
        assertSame(small, slot.get(CPU, Shape.of(2, 3), DType.F32), "the view is kept, not made again");
        // back to the full shape: the owner itself, not another view of it
        assertSame(big, slot.get(CPU, Shape.of(4, 3), DType.F32));
        // a different shape of the same size reuses the memory too
        Tensor other = slot.get(CPU, Shape.of(3, 4), DType.F32);
        assertSame(big.buffer(), other.buffer());
        assertEquals(Shape.of(3, 4), other.shape());
        slot.close();
    }

    @Test
    void aBiggerShapeAllocatesAnewAndFreesTheOld() {
        TensorSlot slot = new TensorSlot();
        Tensor small = slot.get(CPU, Shape.of(2, 3), DType.F32);
        Tensor big = slot.get(CPU, Shape.of(4, 3), DType.F32);
        assertEquals(Shape.of(4, 3), big.shape());
        assertNotSame(small.buffer(), big.buffer());
        assertEquals(true, isFreed(small));
        assertEquals(false, isFreed(big));
        slot.close();
    }

    @Test
    void anotherDtypeOrBackendAllocatesAnew() {
        TensorSlot slot = new TensorSlot();
        Tensor f32 = slot.get(CPU, Shape.of(2, 3), DType.F32);
        Tensor f64 = slot.get(CPU, Shape.of(2, 3), DType.F64);
        assertEquals(DType.F64, f64.dtype());
        assertEquals(true, isFreed(f32));
        // a smaller F32 request after the F64 one must not be a view of F64 memory
        Tensor f32Again = slot.get(CPU, Shape.of(1, 3), DType.F32);
        assertEquals(DType.F32, f32Again.dtype());

        Backend wrapped = new ForwardingBackend(CPU) {};
        Tensor there = slot.get(wrapped, Shape.of(1, 3), DType.F32);
        assertSame(wrapped, there.backend());
        assertNotSame(f32Again.buffer(), there.buffer());
        // and a smaller one still belongs to the backend asked for
        assertSame(CPU, slot.get(CPU, Shape.of(1, 2), DType.F32).backend());
        slot.close();
    }

    @Test
    void batchedReusesTheTensorForTheSameBatchAndSample() {
        TensorSlot slot = new TensorSlot();
        Shape sample = Shape.of(3, 2);
        Tensor full = slot.batched(CPU, 4, sample, DType.F32);
        assertEquals(Shape.of(4, 3, 2), full.shape());
        Tensor last = slot.batched(CPU, 2, sample, DType.F32);
        assertEquals(Shape.of(2, 3, 2), last.shape());
        assertSame(full.buffer(), last.buffer());
        assertSame(last, slot.batched(CPU, 2, sample, DType.F32));
        // same batch, other dtype or backend: not the previous tensor
        assertEquals(DType.F64, slot.batched(CPU, 2, sample, DType.F64).dtype());
        Backend wrapped = new ForwardingBackend(CPU) {};
        Tensor there = slot.batched(CPU, 2, sample, DType.F64);
        assertSame(wrapped, slot.batched(wrapped, 2, sample, DType.F64).backend());
        assertNotSame(there, slot.batched(CPU, 2, sample, DType.F64));
        slot.close();
    }

    @Test
    void closeFreesTheAllocationAndTheSlotCanBeUsedAgain() {
        TensorSlot slot = new TensorSlot();
        Tensor a = slot.get(CPU, Shape.of(2, 3), DType.F32);
        slot.close();
        assertEquals(true, isFreed(a));
        slot.close(); // twice is fine
        Tensor b = slot.get(CPU, Shape.of(2, 3), DType.F32);
        assertNotSame(a, b);
        assertEquals(false, isFreed(b));
        slot.close();
        assertThrows(BackendException.class, () -> CPU.download(b, new float[6], 0));
    }
}
