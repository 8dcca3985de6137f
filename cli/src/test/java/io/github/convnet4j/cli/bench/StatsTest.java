package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test void medianOfOddCountIsTheMiddleOfTheSortedValues() {
        assertEquals(5.0, Stats.median(9, 1, 5));
        assertEquals(2.0, Stats.median(2));
    }

    @Test void medianOfEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(3.5, Stats.median(10, 1, 3, 4));
    }

    @Test void medianLeavesItsInputUnsorted() {
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertArrayEquals(new double[] {3, 1, 2}, v);
    }

    @Test void medianRejectsNoSamplesAndNaN() {
        assertThrows(IllegalArgumentException.class, Stats::median);
        assertThrows(IllegalArgumentException.class, () -> Stats.median(1, Double.NaN, 2));
    }

    @Test void minAndMax() {
        assertEquals(-1.0, Stats.min(3, -1, 2));
        assertEquals(3.0, Stats.max(3, -1, 2));
    }
}
