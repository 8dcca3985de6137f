package io.github.convnet4j.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BatchesTest {
    /** Runs the iterator to the end, returning the sample ids (first value × 1000) of each batch. */
    private static List<int[]> drain(BatchIterator it, Batches b) {
        float[] img = new float[b.imageBufferSize()];
        float[] oneHot = new float[b.labelBufferSize()];
        int[] lab = new int[b.batchSize()];
        List<int[]> out = new ArrayList<>();
        while (it.hasNext()) {
            int n = it.next(img, oneHot, lab);
            int[] ids = new int[n];
            for (int j = 0; j < n; j++) {
                ids[j] = Math.round(img[2 * j] * 1000);
                assertEquals(ids[j], it.sampleIndex(j));
                assertEquals(-ids[j] / 1000f, img[2 * j + 1]);
                assertEquals(ids[j] % 3, lab[j]);
                for (int c = 0; c < 3; c++) assertEquals(c == lab[j] ? 1f : 0f, oneHot[3 * j + c], "one-hot row " + j);
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void epochIsAPermutationWithAPartialLastBatch() {
        Batches b = Batches.shuffled(DatasetTest.tiny(23), 5, 7);
        assertEquals(5, b.batchesPerEpoch());
        List<int[]> batches = drain(b.iterator(0), b);
        assertEquals(List.of(5, 5, 5, 5, 3), batches.stream().map(a -> a.length).toList());
        int[] all = batches.stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(b.order(0), all);
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 23; i++) assertEquals(i, sorted[i]);
        assertFalse(Arrays.equals(all, sorted), "shuffled");
    }

    @Test
    void deterministicPerSeedAndEpoch() {
        Batches a = Batches.shuffled(DatasetTest.tiny(50), 8, 123);
        Batches same = Batches.shuffled(DatasetTest.tiny(50), 8, 123);
        Batches other = Batches.shuffled(DatasetTest.tiny(50), 8, 124);
        assertArrayEquals(a.order(3), same.order(3));
        assertFalse(Arrays.equals(a.order(3), a.order(4)), "epochs differ");
        assertFalse(Arrays.equals(a.order(3), other.order(3)), "seeds differ");
    }

    @Test
    void resumingMidEpochContinuesExactlyWhereItStopped() {
        Batches b = Batches.shuffled(DatasetTest.tiny(37), 4, 99);
        List<int[]> full = drain(b.iterator(2), b);
        // An interrupted run did batches 0..5, checkpointed, and a new process resumes at batch 6.
        Batches resumed = Batches.shuffled(DatasetTest.tiny(37), 4, 99);
        BatchIterator it = resumed.iterator(2, 6);
        assertEquals(6, it.nextBatchIndex());
        List<int[]> rest = drain(it, resumed);
        assertEquals(full.size() - 6, rest.size());
        for (int i = 0; i < rest.size(); i++) assertArrayEquals(full.get(6 + i), rest.get(i), "batch " + (6 + i));
        assertFalse(b.iterator(0, b.batchesPerEpoch()).hasNext());
        assertThrows(IllegalArgumentException.class, () -> b.iterator(0, b.batchesPerEpoch() + 1));
    }

    @Test
    void sequentialKeepsStoredOrder() {
        Batches b = Batches.sequential(DatasetTest.tiny(10), 4);
        int[] all = drain(b.iterator(5), b).stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
    }

    @Test
    void checksBuffersAndExhaustion() {
        Batches b = Batches.sequential(DatasetTest.tiny(3), 2);
        BatchIterator it = b.iterator(0);
        assertThrows(IllegalArgumentException.class, () -> it.next(new float[3], null));
        assertThrows(IllegalArgumentException.class, () -> it.next(new float[4], new float[5]));
        it.next(new float[4], null);
        it.next(new float[4], null);
        assertThrows(java.util.NoSuchElementException.class, () -> it.next(new float[4], null));
        assertThrows(IllegalArgumentException.class, () -> Batches.sequential(DatasetTest.tiny(3), 0));
    }
}
