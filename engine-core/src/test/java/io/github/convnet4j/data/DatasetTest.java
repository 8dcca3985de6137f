package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.github.convnet4j.data.IdxFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * In-memory datasets, IDX loading and splits. Mutants left alive on purpose (mutation testing): the two
 * tests of {@code valueCount} (the constructor has checked that the array length equals N x sample size,
 * which is what the fallback computes).
 */
class DatasetTest {
    @TempDir Path dir;

    /** n samples of (1, 1, 2): sample i is (i, -i) / 1000; labels i mod 3. */
    static Dataset tiny(int n) {
        float[] img = new float[n * 2];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) { img[2 * i] = i / 1000f; img[2 * i + 1] = -i / 1000f; lab[i] = i % 3; }
        return new Dataset(img, lab, Shape.of(1, 1, 2), 3, List.of("a", "b", "c"));
    }

    @Test
    void fromIdxScalesToUnitRangeAndKeepsLabels() throws IOException {
        byte[] pixels = images(6, 2, 3);
        pixels[0] = (byte) 255;
        Path imgs = write(dir, "imgs.gz", gzip(idx(new int[]{6, 2, 3}, pixels)));
        Path labs = write(dir, "labs", idx(new int[]{6}, new byte[]{0, 1, 2, 3, 4, 9}));
        Dataset d = Dataset.fromIdx(imgs, labs);
        assertEquals(6, d.size());
        assertEquals(Shape.of(1, 2, 3), d.sampleShape());
        assertEquals(10, d.numClasses(), "largest label + 1");
        assertEquals(1f, d.images()[0]);
        for (int i = 1; i < pixels.length; i++) assertEquals((pixels[i] & 0xFF) / 255f, d.images()[i], 0f);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 9}, d.labels());
        assertEquals("7", d.className(7));
    }

    @Test
    void countMismatchAndLabelRangeAreNamedErrors() throws IOException {
        Path imgs = write(dir, "train-images-idx3-ubyte", idx(new int[]{3, 2, 2}, images(3, 2, 2)));
        Path labs = write(dir, "train-labels-idx1-ubyte", idx(new int[]{4}, new byte[]{0, 1, 2, 3}));
        IOException e = assertThrows(IOException.class, () -> Dataset.fromIdx(imgs, labs));
        assertEquals("train-labels-idx1-ubyte: 4 labels but train-images-idx3-ubyte has 3 images", e.getMessage());

        Path labs3 = write(dir, "l3", idx(new int[]{3}, new byte[]{0, 1, 7}));
        e = assertThrows(IOException.class, () -> Dataset.fromIdx(imgs, labs3, 5));
        assertEquals("l3: label 7 at index 2 is not below the 5 classes", e.getMessage());

        Path flat = write(dir, "flat", idx(new int[]{3}, new byte[3]));
        e = assertThrows(IOException.class, () -> Dataset.fromIdx(flat, labs3));
        assertTrue(e.getMessage().startsWith("flat: images must have 3 dimensions"), e.getMessage());
    }

    @Test
    void constructorChecks() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[3], new int[]{0, 0}, Shape.of(1, 1, 2), 2, null));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[2], new int[]{2}, Shape.of(1, 1, 2), 2, null));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[2], new int[]{0}, Shape.of(1, 1, 2), 2, List.of("x")));
    }

    @Test
    void subsetTakesTheFirstSamples() {
        Dataset d = tiny(10).subset(4);
        assertEquals(4, d.size());
        assertArrayEquals(new int[]{0, 1, 2, 0}, d.labels());
        assertEquals(3 / 1000f, d.images()[6]);
        assertEquals(List.of("a", "b", "c"), d.classNames());
        assertThrows(IllegalArgumentException.class, () -> tiny(3).subset(4));
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        Dataset d = tiny(100);
        DatasetSplit s1 = d.split(0.2, 42), s2 = d.split(0.2, 42), s3 = d.split(0.2, 43);
        assertEquals(80, s1.train().size());
        assertEquals(20, s1.validation().size());
        assertArrayEquals(s1.validation().images(), s2.validation().images());
        assertFalse(Arrays.equals(s1.validation().images(), s3.validation().images()), "another seed, another split");

        // Sample i is identified by its first value i/1000: together the parts hold every sample once.
        Set<Integer> seen = new HashSet<>();
        for (Dataset part : List.of(s1.train(), s1.validation())) {
            int previous = -1;
            for (int j = 0; j < part.size(); j++) {
                int id = Math.round(part.images()[2 * j] * 1000);
                assertTrue(seen.add(id), "sample " + id + " twice");
                assertTrue(id > previous, "original order kept");
                previous = id;
                assertEquals(id % 3, part.label(j), "label travels with its image");
                assertEquals(-id / 1000f, part.images()[2 * j + 1]);
            }
        }
        assertEquals(100, seen.size());
        assertEquals(0, d.split(0, 1).validation().size());
        assertThrows(IllegalArgumentException.class, () -> d.split(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> d.split(Double.NaN, 1));
    }

    @Test
    void idxDataStaysBytesThroughSubsetsAndConvertsOnlyWhenCopied() throws Exception {
        byte[] px = new byte[4 * 2 * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 23);
        Dataset d = Dataset.ofUnsignedBytes(px, new int[] {0, 1, 2, 1}, io.github.convnet4j.tensor.Shape.of(1, 2, 3), 3, null);
        assertTrue(d.storesBytes());
        Dataset sub = d.select(new int[] {3, 1});
        assertTrue(sub.storesBytes(), "a subset keeps bytes (a quarter of the memory)");
        float[] two = new float[12];
        sub.copySamples(0, 2, two, 0);
        for (int j = 0; j < 6; j++) {
            assertEquals((px[18 + j] & 0xFF) / 255f, two[j], 0f);
            assertEquals((px[6 + j] & 0xFF) / 255f, two[6 + j], 0f);
        }
        float[] all = d.images();
        for (int i = 0; i < px.length; i++) assertEquals((px[i] & 0xFF) / 255f, all[i], 0f);
        assertArrayEquals(new int[] {1, 1}, new int[] {sub.label(0), sub.label(1)});
    }

    @Test
    void sampleShapeRankAndClassCountAreCheckedWithMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[4], new int[]{0, 0}, Shape.of(2), 1, null));
        assertEquals("sample shape must be (C, L), (C, H, W) or (C, D, H, W), got (2,)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[2], new int[]{0, 0}, Shape.of(1, 1, 1, 1, 1), 1, null));
        assertTrue(e.getMessage().startsWith("sample shape must be"), e.getMessage());
        assertEquals(Shape.of(1, 2), new Dataset(new float[4], new int[]{0, 0}, Shape.of(1, 2), 1, null).sampleShape(), "rank 2 is the smallest");
        for (int k : new int[]{0, -1}) {
            e = assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[2], new int[]{0}, Shape.of(1, 1, 2), k, null));
            assertEquals("numClasses must be positive, got " + k, e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[0], new int[0], Shape.of(1, 1, 2), 0, null));
        assertEquals("numClasses must be positive, got 0", e.getMessage(), "even without samples");
    }

    @Test
    void labelsMustBeOneDimensionalAndBelowAGivenClassCount() throws IOException {
        IdxArray imgs = new IdxArray(new int[]{3, 2, 2}, images(3, 2, 2));
        IdxArray grid = new IdxArray(new int[]{3, 1}, new byte[]{0, 1, 2});
        IOException e = assertThrows(IOException.class, () -> Dataset.fromIdx(imgs, "i", grid, "l", 0, null));
        assertEquals("l: labels must have 1 dimension (N), got 3 x 1", e.getMessage());
        // With 3 classes given, label 3 is the first one out of range.
        IdxArray labs = new IdxArray(new int[]{3}, new byte[]{0, 3, 2});
        e = assertThrows(IOException.class, () -> Dataset.fromIdx(imgs, "i", labs, "l", 3, null));
        assertEquals("l: label 3 at index 1 is not below the 3 classes", e.getMessage());
        assertEquals(4, Dataset.fromIdx(imgs, "i", labs, "l", 4, null).numClasses());
        assertEquals(4, Dataset.fromIdx(imgs, "i", labs, "l", 0, null).numClasses(), "largest label + 1");
    }

    @Test
    void relabelledKeepsTheSamplesAndTakesTheNewLabels() {
        Dataset d = tiny(3);
        Dataset r = d.relabelled(new int[]{1, 1, 0}, 2, List.of("no", "yes"));
        assertArrayEquals(new int[]{1, 1, 0}, r.labels());
        assertEquals(2, r.numClasses());
        assertEquals("yes", r.className(1));
        assertArrayEquals(d.images(), r.images(), 0f);
        Dataset bytes = Dataset.ofUnsignedBytes(new byte[]{0, (byte) 255, 51, 102}, new int[]{0, 0}, Shape.of(1, 1, 2), 1, null);
        Dataset rb = bytes.relabelled(new int[]{1, 0}, 2, List.of());
        assertTrue(rb.storesBytes());
        assertArrayEquals(new float[]{0, 1, 0.2f, 0.4f}, rb.images(), 1e-7f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.relabelled(new int[]{0, 1}, 2, null));
        assertEquals("2 labels for 3 samples", e.getMessage());
    }
}
