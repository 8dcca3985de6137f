package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test void anInfiniteReferenceNeverPassesEvenUnderAnInfiniteAllowance() {
        // |1e308 - inf| = inf <= 0 + 1 * inf would hold without the finiteness check.
        assertFalse(new Tolerance(0, 1).accepts(1e308, Double.POSITIVE_INFINITY));
        assertFalse(new Tolerance(0, 1).accepts(Double.NEGATIVE_INFINITY, -1e308));
    }

    @Test void rejectsNegativeOrNaNAllowances() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1e-9, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.f32Sum(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.f32Sum(1, -0.5));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.f32Sum(1, Double.NaN));
        assertEquals(new Tolerance(0, 16 * Tolerance.U), Tolerance.f32Sum(0, 0));   // no terms: only the final roundings
    }

    /** The documented formulas, worked by hand in units of U = 2^-24 (exact in double). */
    @Test void factoriesFollowTheirDocumentedFormulas() {
        double u = Tolerance.U;
        assertEquals(0x1.0p-24, u);
        // f32Sum(K = 100, m = 2): atol = 2 U m (K + 4) = 416 U; rtol = U (16 + 2 sqrt(100)) = 36 U
        assertEquals(new Tolerance(416 * u, 36 * u), Tolerance.f32Sum(100, 2));
        assertEquals(new Tolerance(16 * u, 16 * u), Tolerance.f32Elementwise());
        assertEquals(new Tolerance(1e-6, 64 * u), Tolerance.f32Transcendental());
        assertEquals(new Tolerance(0, 0), Tolerance.exact());
        Tolerance t = new Tolerance(0.5, 0.25);
        assertEquals(new Tolerance(1.5, 0.75), t.times(3));
        assertEquals(new Tolerance(0.25, 0.25), t.forValuesScaledBy(-0.5));   // atol scales by |factor|, rtol stays
        assertEquals(new Tolerance(0.625, 0.375), t.plus(new Tolerance(0.125, 0.125)));
        assertEquals("atol 0.5 + rtol 0.25 * |ref|", t.toString());
    }

    @Test void aScalarComparisonMeasuresAbsoluteRelativeAndUsedShare() {
        Comparison c = new Tolerance(0.1, 0).compare("loss", 2.0, 2.5);
        assertEquals(1, c.count());
        assertEquals(1, c.mismatches());
        assertEquals(0.5, c.maxAbsError());
        assertEquals(0.25, c.maxRelError());
        assertEquals(5.0, c.used(), 1e-12);   // 0.5 of an allowance of 0.1
        assertTrue(c.failure().startsWith("loss: got 2.5, expected 2.0"), c.failure());
        assertNull(c.shape());

        Comparison ok = new Tolerance(0.1, 0).compare("loss", 0.0, 0.05);
        assertTrue(ok.passed());
        assertNull(ok.failure());
        assertEquals(0.0, ok.maxRelError());    // no relative error against a reference of 0
        assertEquals(0.5, ok.used(), 1e-12);
        assertEquals(0.0, new Tolerance(0.1, 0).compare("same", 3.0, 3.0).used());

        Comparison nan = new Tolerance(1, 1).compare("loss", 1.0, Double.NaN);
        assertEquals(Double.POSITIVE_INFINITY, nan.maxAbsError());
        assertEquals(Double.POSITIVE_INFINITY, nan.maxRelError());
        assertEquals(Double.POSITIVE_INFINITY, nan.used());
        assertFalse(nan.passed());
        // A miss of an exact check uses an infinite share of its (zero) allowance.
        assertEquals(Double.POSITIVE_INFINITY, Tolerance.exact().compare("count", 3, 4).used());
    }

    @Test void anArrayComparisonLocatesItsWorstAbsoluteAndRelativeErrors() {
        // ref [1, -4, 0]; errors 0.125 (relative 0.125), 0.25 (relative 0.0625), 0.5 (reference 0: no relative error)
        double[] ref = {1, -4, 0};
        double[] got = {1.125, -4.25, 0.5};
        Comparison c = new Tolerance(0.25, 0).compare("y", ref, got, Shape.of(3));
        assertEquals(3, c.count());
        assertEquals(1, c.mismatches());      // only the 0.5 error exceeds 0.25
        assertEquals(0.5, c.maxAbsError());
        assertEquals(0.125, c.maxRelError());
        assertEquals(2.0, c.used());          // 0.5 / 0.25
        assertTrue(c.failure().contains("1 of 3 values differ"), c.failure());
        assertTrue(c.failure().contains("worst |diff| 0.5 at [2], worst relative 0.125 at [0]:"), c.failure());
        assertTrue(c.failure().contains("[2] (2) got 0.5, expected 0.0"), c.failure());

        Comparison pass = new Tolerance(0.25, 0).compare("y", ref, new double[] {1.125, -4.25, 0.25}, null);
        assertTrue(pass.passed());
        assertEquals(1.0, pass.used());       // the 0.25 error uses exactly all of its allowance
        assertEquals(0.25, pass.maxAbsError());

        Comparison nan = Tolerance.exact().compare("y", new double[] {1, 2}, new double[] {1, Double.NaN}, null);
        assertEquals(Double.POSITIVE_INFINITY, nan.maxAbsError());
        assertEquals(Double.POSITIVE_INFINITY, nan.maxRelError());
        assertTrue(nan.failure().contains("worst |diff| Infinity at [1], worst relative Infinity at [1]"), nan.failure());
    }

    @Test void anArrayComparisonOfTheWrongLengthFailsWholly() {
        Comparison c = Tolerance.exact().compare("y", new double[3], new double[2], null);
        assertEquals(3, c.mismatches());
        assertFalse(c.passed());
        assertTrue(c.failure().contains("y: 2 values, reference has 3"), c.failure());
        assertThrows(IllegalArgumentException.class, () -> Tolerance.exact().compare("y", new double[3], new double[3], Shape.of(2, 2)));
    }

    @Test void saysFirstTenOnlyWhenMoreThanTenDiffer() {
        String ten = Tolerance.exact().compare("x", new double[10], filled(10), null).failure();
        assertFalse(ten.contains("first 10"), ten);
        assertTrue(ten.endsWith("[9] got 1.0, expected 0.0, |diff| 1.0"), ten);
        String eleven = Tolerance.exact().compare("x", new double[11], filled(11), null).failure();
        assertTrue(eleven.contains("; first 10:"), eleven);
    }

    @Test void coordinatesNameTheAxesOfRank2And4Only() {
        assertEquals("(n=1, f=2)", Tolerance.coordinates(Shape.of(2, 3), 5));
        assertEquals("(n=1, c=0, h=1, w=0)", Tolerance.coordinates(Shape.of(2, 1, 2, 2), 6));
        assertEquals("(1, 0, 2)", Tolerance.coordinates(Shape.of(2, 2, 3), 8));
    }

    @Test void floatAssertionsThrowOnAMismatch() {
        assertThrows(ConformanceFailure.class, () -> Tolerance.exact().assertClose("x", new double[] {1}, new float[] {2f}));
        assertThrows(ConformanceFailure.class, () -> Tolerance.exact().assertClose("x", new double[] {1}, new float[] {2f}, Shape.of(1)));
        assertThrows(ConformanceFailure.class, () -> Tolerance.exact().assertClose("x", new double[] {1}, new double[] {2}));
        assertThrows(ConformanceFailure.class, () -> Tolerance.exact().assertClose("x", 1, 2));
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
