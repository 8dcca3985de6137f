package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** IDX samples of sequences (N, C, L) and volumes (N, C, D, H, W), for the 1-D and 3-D layers. */
class DatasetSampleShapesTest {
    private static IdxArray labels(int n) { return new IdxArray(new int[] {n}, new byte[n]); }

    @Test
    void fiveDimensionalImagesAreVolumes() throws IOException {
        IdxArray images = new IdxArray(new int[] {2, 3, 4, 5, 6}, new byte[2 * 3 * 4 * 5 * 6]);
        Dataset d = Dataset.fromIdx(images, "v", labels(2), "l", 0, null);
        assertEquals(Shape.of(3, 4, 5, 6), d.sampleShape());
        assertEquals(360, d.sampleSize());
    }

    @Test
    void threeDimensionalImagesAreSeenAsSequencesByASequenceModel() throws IOException {
        byte[] bytes = new byte[42];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (6 * i);
        IdxArray images = new IdxArray(new int[] {2, 3, 7}, bytes);
        Dataset d = Dataset.fromIdx(images, "s", labels(2), "l", 0, null);
        assertEquals(Shape.of(1, 3, 7), d.sampleShape(), "read as single-channel images, as before");
        Dataset seq = d.viewedAs(Shape.of(3, 7));
        assertEquals(Shape.of(3, 7), seq.sampleShape());
        assertTrue(seq.storesBytes(), "a view of the same bytes, not a float copy");
        assertArrayEquals(d.images(), seq.images(), "the same samples");
        assertSame(d, d.viewedAs(Shape.of(7, 3)), "a different layout is not a view: the caller's shape check reports it");
        assertSame(d, d.viewedAs(Shape.of(21)), "flat inputs are not sample shapes of a conv model");
    }

    @Test
    void sixDimensionsAreRefusedNamingTheFile() {
        IdxArray images = new IdxArray(new int[] {1, 1, 1, 1, 1, 1}, new byte[1]);
        IOException e = assertThrows(IOException.class, () -> Dataset.fromIdx(images, "six", labels(1), "l", 0, null));
        assertTrue(e.getMessage().startsWith("six: images must have 3 dimensions"), e.getMessage());
    }
}
