package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An in-memory epoch: buffer checks, the time spent in {@code next}, augmentation seeded by the batches' seed. */
class BatchIteratorTest {
    @Test
    void aLabelArrayShorterThanABatchIsRefused() {
        Batches b = Batches.sequential(DatasetTest.tiny(5), 4);
        BatchIterator it = b.iterator(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> it.next(new float[8], null, new int[3]));
        assertEquals("label array holds 3 ints, a batch needs 4", e.getMessage());
        assertEquals(0, it.nextBatchIndex(), "a refused call consumes no batch");
        int[] labels = new int[4];
        assertEquals(4, it.next(new float[8], null, labels));
        assertArrayEquals(new int[]{0, 1, 2, 0}, labels, "tiny(n) labels sample i with i mod 3");
        assertEquals(1, it.next(new float[8], null, null), "no label array at all is fine");
    }

    @Test
    void waitSecondsAddsUpTheTimeSpentInsideNext() {
        Batches b = Batches.sequential(DatasetTest.tiny(10), 3);
        float[] img = new float[b.imageBufferSize()];
        try (BatchIterator it = b.iterator(0)) {
            assertEquals(0.0, it.waitSeconds());
            double previous = 0;
            while (it.hasNext()) {
                long before = System.nanoTime();
                it.next(img, null);
                double elapsed = (System.nanoTime() - before) * 1e-9;
                double grew = it.waitSeconds() - previous;
                // Measured inside the call, so never more than the call took, in seconds (not nanoseconds), and never negative.
                assertTrue(grew >= 0 && grew <= elapsed + 1e-12, "grew by " + grew + " s in a call of " + elapsed + " s");
                previous = it.waitSeconds();
            }
            assertTrue(it.waitSeconds() > 0, "four batches copied in no time at all: " + it.waitSeconds());
        }
    }

    @Test
    void augmentationIsSeededByTheBatchesSeedEpochAndBatchIndex() {
        int n = 16;
        float[] values = new float[2 * n];
        for (int i = 0; i < 2 * n; i++) values[i] = i;
        Dataset d = new Dataset(values, new int[n], io.github.convnet4j.tensor.Shape.of(1, 1, 2), 1, null);
        long seed = 12345;
        Batches b = new Batches(d, n, seed, false).withAugmentation(Augmentation.parse("flip"));
        assertEquals(seed, b.seed());
        float[] got = new float[b.imageBufferSize()];
        try (BatchIterator it = b.iterator(3)) {
            it.next(got, null);
        }
        // The same flips applied by hand to the stored order with the run's seed, epoch 3, batch 0.
        float[] want = values.clone();
        Augmentation.parse("flip").apply(want, n, d.sampleShape(), seed, 3, 0);
        assertArrayEquals(want, got);
        // Another seed flips other samples (so the comparison above could tell them apart).
        float[] other = values.clone();
        Augmentation.parse("flip").apply(other, n, d.sampleShape(), 0, 3, 0);
        assertFalse(Arrays.equals(want, other));
        assertFalse(Arrays.equals(want, values), "some samples are flipped");
    }
}
