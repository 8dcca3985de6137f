package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.HeapLimitException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heap estimates worked by hand on a small model, and the refusals on models and batches no
 * heap can hold (terabytes: far above any test JVM's limit, and nothing is allocated to find out).
 *
 * <p>Equivalent mutants left alone: {@code require}'s {@code batchSize > 0} to {@code >= 0} only
 * computes the training bytes for batch 0 without using them (the build branch ignores them);
 * {@code build == Long.MAX_VALUE ? build : build + train} made always {@code build + train} gives
 * the same (build is MAX_VALUE only after an overflow, which sets train to 0).
 */
class MemoryEstimateTest {
    /** A backend that only has a name: the estimates ask nothing else. */
    private static Backend named(String name) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (p, m, a) -> {
            if (m.getName().equals("name")) return name;
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private static final Backend CPU = named("cpu");
    private static final Backend GPU = named("opencl");

    /**
     * input (4) -> Dense(3) -> Dense(2, frozen).
     * Parameters: kernel 4x3 = 12 + bias 3 = 15 (trainable); kernel 3x2 = 6 + bias 2 = 8 (frozen).
     * parameterCount 23, trainableParameterCount 15, largest parameter 12, layer outputs 3 + 2 = 5.
     */
    private static Model small() {
        return Model.of(ModelSpec.of("small", Shape.of(4), List.of(
                LayerSpec.of("Dense", "units", 3),
                LayerSpec.of("Dense", "units", 2, "trainable", false))));
    }

    @Test
    void onlyTheCpuBackendKeepsTensorsOnTheHeap() {
        assertTrue(MemoryEstimate.onHeap(CPU));
        assertFalse(MemoryEstimate.onHeap(GPU));
    }

    @Test
    void buildBytesByHand() {
        Model m = small();
        assertEquals(23, m.parameterCount());
        assertEquals(15, m.trainableParameterCount());
        // float64 initial values of the largest parameter: 8 * 12 = 96
        assertEquals(96, MemoryEstimate.buildBytes(m, GPU));
        // plus float32 values of all 23 and gradients of the 15 trainable: 96 + 4 * (23 + 15) = 248
        assertEquals(248, MemoryEstimate.buildBytes(m, CPU));
    }

    @Test
    void trainingBytesByHand() {
        Model m = small();
        // per sample: 4 inputs + 2 * 2 outputs + 2 = 10 values; host batch buffers 4 * 10 * 5 = 200
        assertEquals(200, MemoryEstimate.trainingBytes(m, GPU, 5, 3));
        // CPU: + 4 bytes * 4 copies * 5 activations * min(5, 3) samples = 240, + Adam's 2 moments 4 * 2 * 15 = 120
        assertEquals(200 + 240 + 120, MemoryEstimate.trainingBytes(m, CPU, 5, 3));
        // more samples than the batch: the batch bounds the activations, 4 * 4 * 5 * 5 = 400
        assertEquals(200 + 400 + 120, MemoryEstimate.trainingBytes(m, CPU, 5, 100));
        // samples unknown (0): one sample's activations at least, 4 * 4 * 5 * 1 = 80
        assertEquals(200 + 80 + 120, MemoryEstimate.trainingBytes(m, CPU, 5, 0));
    }

    @Test
    void aSmallModelAndBatchPass() {
        assertDoesNotThrow(() -> MemoryEstimate.require(small(), CPU, 0, 0, "model small"));
        assertDoesNotThrow(() -> MemoryEstimate.require(small(), CPU, 64, 1000, "model small"));
    }

    /**
     * input (1000), then 50 times Dense(2000000), Dense(1000): every kernel 2e9 values (under one
     * tensor's limit), 50 * (2e9 + 2e6 + 2e9 + 1e3) = 200,100,050,000 parameters, all trainable.
     * Build on the CPU: 8 * 2e9 + 4 * 2 * 200,100,050,000 = 1,616,800,400,000 bytes = 1505.8 GiB.
     * Nothing is allocated to find out, and no test JVM has such a heap.
     */
    private static Model huge() {
        List<LayerSpec> layers = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            layers.add(LayerSpec.of("Dense", "units", 2_000_000));
            layers.add(LayerSpec.of("Dense", "units", 1_000));
        }
        return Model.of(ModelSpec.of("huge", Shape.of(1_000), layers));
    }

    @Test
    void aModelTooBigToBuildIsRefusedAsABuild() {
        HeapLimitException e = assertThrows(HeapLimitException.class, () -> MemoryEstimate.require(huge(), CPU, 0, 0, "model huge"));
        assertTrue(e.getMessage().startsWith("building model huge (200,100,050,000 parameters) needs 1505.8 GiB of Java heap"), e.getMessage());
        assertTrue(e.getMessage().contains("use a smaller model"), e.getMessage());
    }

    @Test
    void trainingCountsTheBuildAndTheBatch() {
        // batch 1: + 4 * (1000 + 2 * 1000 + 2) host values + 4 * 4 * 50 * 2,001,000 activations + 8 * 200,100,050,000
        // moments = 1,602,401,212,008 bytes; with the build 3,219,201,612,008 bytes = 2998.1 GiB
        HeapLimitException e = assertThrows(HeapLimitException.class, () -> MemoryEstimate.require(huge(), CPU, 1, 1, "model huge"));
        assertTrue(e.getMessage().startsWith("training model huge (200,100,050,000 parameters) with batches of 1 needs 2998.1 GiB of Java heap"),
                e.getMessage());
        assertTrue(e.getMessage().contains("lower --batch-size or use a smaller model"), e.getMessage());
    }

    @Test
    void aBatchTooBigForTheHeapIsRefusedForASmallModel() {
        // 4 * 10 values * 10^12 samples + 96 bytes = 37252.9 GiB, on any backend (host batch buffers)
        HeapLimitException e = assertThrows(HeapLimitException.class,
                () -> MemoryEstimate.require(small(), GPU, 1_000_000_000_000L, 1_000_000_000_000L, "model small"));
        assertTrue(e.getMessage().startsWith("training model small (23 parameters) with batches of 1000000000000 needs 37252.9 GiB"),
                e.getMessage());
    }

    @Test
    void anEstimateBeyondALongIsRefusedNotWrappedAround() {
        // input (2e9) -> Dense(1): per sample 2e9 + 2 + 2 values; 4 bytes * 2,000,000,004 * (2^31 - 1) samples
        // = 1.7e19 bytes, more than a long holds. Wrapped around it was negative and passed the check.
        Model m = Model.of(ModelSpec.of("wide", Shape.of(2_000_000_000), List.of(LayerSpec.of("Dense", "units", 1))));
        for (Backend b : List.of(CPU, GPU)) {
            HeapLimitException e = assertThrows(HeapLimitException.class,
                    () -> MemoryEstimate.require(m, b, Integer.MAX_VALUE, Integer.MAX_VALUE, "model wide"));
            assertTrue(e.getMessage().startsWith("training model wide (2,000,000,001 parameters) with batches of 2147483647 needs 8589934592.0 GiB"),
                    e.getMessage());
        }
    }
}
