package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link Dataset#viewedAs}: the same samples under another shape only when the reading alone
 * differs (equal sizes, equal once leading 1s are dropped, rank 2 to 4); otherwise the dataset
 * itself comes back, so the caller's shape check names both shapes.
 */
class DatasetViewTest {
    private static Dataset sequences(Shape sample) {
        float[] v = new float[2 * Math.toIntExact(sample.size())];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return new Dataset(v, new int[] {0, 1}, sample, 2, List.of("a", "b"));
    }

    @Test void leadingOnesAreOnlyAReading() {
        Dataset idx = sequences(Shape.of(1, 3, 4));
        Dataset seq = idx.viewedAs(Shape.of(3, 4));
        assertEquals(Shape.of(3, 4), seq.sampleShape());
        assertArrayEquals(idx.images(), seq.images());
        assertArrayEquals(idx.labels(), seq.labels());
        assertEquals(List.of("a", "b"), seq.classNames());
        assertEquals(2, seq.numClasses());
        assertEquals(Shape.of(1, 1, 3, 4), idx.viewedAs(Shape.of(1, 1, 3, 4)).sampleShape());
        assertEquals(Shape.of(1, 3, 4), seq.viewedAs(Shape.of(1, 3, 4)).sampleShape(), "and back");
        assertEquals(Shape.of(1, 1), sequences(Shape.of(1, 1, 1)).viewedAs(Shape.of(1, 1)).sampleShape(), "all ones: the last 1 stays");
    }

    @Test void otherwiseTheDatasetComesBackUnchanged() {
        Dataset idx = sequences(Shape.of(1, 3, 4));
        assertSame(idx, idx.viewedAs(Shape.of(1, 3, 4)), "the same shape");
        assertSame(idx, idx.viewedAs(Shape.of(4, 3)), "same size, other dims");
        assertSame(idx, idx.viewedAs(Shape.of(3, 4, 1)), "a trailing 1 is not a reading");
        assertSame(idx, idx.viewedAs(Shape.of(12)), "rank 1");
        assertSame(idx, idx.viewedAs(Shape.of(1, 1, 1, 3, 4)), "rank 5");
        assertSame(idx, idx.viewedAs(Shape.of(3, 5)), "another size");
        assertSame(idx, idx.viewedAs(Shape.of(2, 6)), "same size, another split");
    }
}
