package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plane sums (bias gradients, batch-norm statistics): {@link PlaneSum} gives the bits of the
 * definition (eight interleaved double chains, element i in chain i mod 8, added pairwise) for plain
 * sums and squared deviations, on runs of every length from 0 to 70 and a few long ones, at offsets
 * that are not multiples of the chain count, with values of very different magnitudes so that any
 * other order of the additions shows.
 */
class PlaneSumTest {
    @Test
    void sumsFollowTheDefinedOrder() {
        Random rng = new Random(5);
        float[] v = new float[5000];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(13) - 6));
        int[] lengths = new int[75];
        for (int i = 0; i <= 70; i++) lengths[i] = i;
        lengths[71] = 1024;
        lengths[72] = 1031;
        lengths[73] = 4093;
        lengths[74] = 169;
        for (int from : new int[] {0, 3, 17}) {
            for (int len : lengths) {
                double expected = definition(v, from, len);
                double mean = 0.37;
                double squares = definition(from, len, i -> (v[i] - mean) * (v[i] - mean));
                String what = "from " + from + " length " + len;
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(PlaneSum.sum(v, from, len)), what);
                assertEquals(Double.doubleToRawLongBits(squares), Double.doubleToRawLongBits(PlaneSum.sumSquares(v, from, len, mean)),
                        what + ", squares");
            }
        }
    }

    private static double definition(float[] v, int from, int len) {
        return definition(from, len, i -> v[i]);
    }

    /** The eight chains over the terms {@code term(i)}, i in [from, from + len). */
    private static double definition(int from, int len, java.util.function.IntToDoubleFunction term) {
        double[] chain = new double[8];
        for (int i = 0; i < len; i++) chain[i % 8] += term.applyAsDouble(from + i);
        return ((chain[0] + chain[1]) + (chain[2] + chain[3])) + ((chain[4] + chain[5]) + (chain[6] + chain[7]));
    }
}
