package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison rule itself, and what its failure message reports. */
class ToleranceTest {
    @Test void acceptsExactlyAtTheBoundAndRejectsBeyond() {
        Tolerance t = new Tolerance(0.5, 0.25);
        assertTrue(t.accepts(3.0, 2.0));        // |1| <= 0.5 + 0.25 * 2
        assertFalse(t.accepts(3.01, 2.0));
        assertTrue(t.accepts(-1.0, -2.0));      // relative part uses |ref|
        assertFalse(new Tolerance(0, 0).accepts(Math.nextUp(1.0), 1.0));
    }

    @Test void nanAndInfinityNeverPass() {
        Tolerance loose = new Tolerance(1e300, 1e300);
        assertFalse(loose.accepts(Double.NaN, 1));
        assertFalse(loose.accepts(1, Double.NaN));
        assertFalse(loose.accepts(Double.NaN, Double.NaN));
        assertFalse(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    @Test void failureReportsCountFirstMismatchesCoordinatesAndWorstError() {
        double[] ref = new double[2 * 3 * 2 * 2];
        float[] got = new float[ref.length];
        got[5] = 0.5f;     // (n=0, c=1, h=0, w=1)
        got[13] = 2f;      // (n=1, c=0, h=0, w=1)
        got[20] = Float.NaN;
        ConformanceFailure e = assertThrows(ConformanceFailure.class,
                () -> new Tolerance(1e-3, 0).assertClose("y", ref, got, Shape.of(2, 3, 2, 2)));
        String m = e.getMessage();
        assertTrue(m.contains("3 of 24 values differ"), m);
        assertTrue(m.contains("[5] (n=0, c=1, h=0, w=1) got 0.5"), m);
        assertTrue(m.contains("[13] (n=1, c=0, h=0, w=1) got 2.0"), m);
        assertTrue(m.contains("[20]") && m.contains("NaN"), m);
        assertTrue(m.contains("worst |diff| Infinity at [20]"), m);
    }

    @Test void showsOnlyTheFirstTenMismatches() {
        double[] ref = new double[50];
        double[] got = new double[50];
        java.util.Arrays.fill(got, 1);
        ConformanceFailure e = assertThrows(ConformanceFailure.class, () -> Tolerance.exact().assertClose("x", ref, got));
        assertTrue(e.getMessage().contains("50 of 50"), e.getMessage());
        assertTrue(e.getMessage().contains("[9]") && !e.getMessage().contains("[10] got"), e.getMessage());
    }

    @Test void f32SumGrowsWithTheNumberOfTerms() {
        assertTrue(Tolerance.f32Sum(1000, 1).atol() > Tolerance.f32Sum(10, 1).atol());
        assertTrue(Tolerance.f32Sum(100, 2).atol() == 2 * Tolerance.f32Sum(100, 1).atol());
        // A dropped term of magnitude ~1 in a 1000-term sum must still fail.
        assertTrue(Tolerance.f32Sum(1000, 1).atol() < 1e-3);
    }

    /**
     * The f32Sum model against the worst legitimate implementation: naive left-to-right float
     * accumulation, on mixed-sign and on same-sign terms. It must pass, and the same sum with one
     * term dropped must not.
     */
    @Test void f32SumAcceptsNaiveFloatSummationButNotADroppedTerm() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int k : new int[] {10, 300, 3000, 20000}) {
            for (boolean sameSign : new boolean[] {false, true}) {
                float naive = 0f, dropped = 0f;
                double exact = 0;
                for (int i = 0; i < k; i++) {
                    float a = (float) (sameSign ? r.nextDouble() : 2 * r.nextDouble() - 1);
                    float b = (float) (sameSign ? r.nextDouble() : 2 * r.nextDouble() - 1);
                    naive += a * b;
                    if (i != k / 2) dropped += a * b;
                    exact += (double) a * b;
                }
                Tolerance t = Tolerance.f32Sum(k, 1);
                String what = k + " terms, same sign " + sameSign;
                assertTrue(t.accepts(naive, exact), what + ": naive " + naive + " vs " + exact + " under " + t);
                assertFalse(t.accepts(dropped, exact) && Math.abs(dropped - naive) > 1e-2, what + ": a dropped term passed");
            }
        }
    }

    @Test void passingArraysDoNotThrow() {
        assertDoesNotThrow(() -> Tolerance.f32Elementwise().assertClose("x", new double[] {1, 2}, new float[] {1f, 2f}));
    }
}
