package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.util.Rng;
import org.junit.jupiter.api.Test;

/** The Keras initializers: ranges, spreads, truncation and determinism. */
class InitializerTest {
    private static double[] draw(String name, int n, int fanIn, int fanOut, long seed) {
        double[] v = new double[n];
        Initializer.byName(name).fill(v, fanIn, fanOut, new Rng(seed));
        return v;
    }

    private static double std(double[] v) {
        double s = 0, s2 = 0;
        for (double x : v) { s += x; s2 += x * x; }
        double m = s / v.length;
        return Math.sqrt(s2 / v.length - m * m);
    }

    @Test
    void glorotUniformStaysWithinItsLimitAndFillsIt() {
        // a 3x3 conv from 16 to 32 channels: fan_in 144, fan_out 288
        double limit = Math.sqrt(6.0 / (144 + 288));
        double[] v = draw("glorot_uniform", 100_000, 144, 288, 1);
        double max = 0;
        for (double x : v) { assertTrue(Math.abs(x) <= limit); max = Math.max(max, Math.abs(x)); }
        assertTrue(max > 0.999 * limit);
        // uniform(-l, l) has standard deviation l / sqrt(3)
        assertEquals(limit / Math.sqrt(3), std(v), 0.01 * limit);
    }

    @Test
    void heNormalIsTruncatedAtTwoSigmaWithVarianceTwoOverFanIn() {
        int fanIn = 50;
        double[] v = draw("he_normal", 200_000, fanIn, 10, 2);
        double target = Math.sqrt(2.0 / fanIn);
        // Keras scales the underlying normal by 1/0.8796 so the truncated values keep the target spread.
        double bound = 2 * target / 0.87962566103423978;
        for (double x : v) assertTrue(Math.abs(x) <= bound);
        assertEquals(target, std(v), 0.01 * target);
    }

    @Test
    void heUniformAndConstants() {
        double limit = Math.sqrt(6.0 / 20);
        for (double x : draw("he_uniform", 1000, 20, 5, 3)) assertTrue(Math.abs(x) <= limit);
        for (double x : draw("zeros", 10, 1, 1, 3)) assertEquals(0, x);
        for (double x : draw("ones", 10, 1, 1, 3)) assertEquals(1, x);
    }

    @Test
    void sameSeedSameValues() {
        assertArrayEquals(draw("glorot_uniform", 64, 9, 9, 42), draw("glorot_uniform", 64, 9, 9, 42));
        assertArrayEquals(draw("he_normal", 64, 9, 9, 42), draw("he_normal", 64, 9, 9, 42));
        assertTrue(draw("he_normal", 64, 9, 9, 42)[0] != draw("he_normal", 64, 9, 9, 43)[0]);
    }

    @Test
    void unknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.byName("glorot"));
        assertTrue(e.getMessage().startsWith("unknown initializer 'glorot' (choose glorot_uniform"), e.getMessage());
        assertEquals("he_normal", Initializer.byName("kaiming_normal").keyword());
    }
}
