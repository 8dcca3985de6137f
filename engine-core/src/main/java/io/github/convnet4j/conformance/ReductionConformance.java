package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Host-scalar reductions: sum, sum of squares and sum of absolute values over one element, an odd
 * length and an image batch; argmax-match counting (exact) on random scores, on rows full of ties
 * (the first maximum wins on both sides) and for F == 1 at the thresholds (score 0, target 0.5).
 */
final class ReductionConformance {
    private ReductionConformance() {}

    static List<Shape> shapes() { return List.of(Shape.of(1), Shape.of(3001), Shape.of(4, 3, 17, 13), Shape.of(8, 16, 40, 40)); }

    static Stream<CaseNode> tests(BackendPair pair) {
        Stream<CaseNode> sums = shapes().stream().map(shape -> test("sum, sumOfSquares, sumOfAbs " + shape, pair, s -> sums(s, shape)));
        Stream<CaseNode> counts = Stream.of(
                test("countArgmaxMatches random (50, 10)", pair, ReductionConformance::countRandom),
                test("countArgmaxMatches ties (40, 6)", pair, ReductionConformance::countTies),
                test("countArgmaxMatches F == 1 thresholds", pair, ReductionConformance::countSingleColumn));
        return Stream.of(group("reduction", Stream.concat(sums, counts)));
    }

    private static void sums(Scope s, Shape shape) {
        Twin t = s.upload(shape, new Data(Cases.seed("sums " + shape)).uniform(shape));
        Tolerance tol = Tolerance.f32Sum(shape.size(), 1);
        s.check("sum " + shape, s.pair().ref.reduction().sum(t.ref()), s.pair().test.reduction().sum(t.test()), tol);
        s.check("sumOfSquares " + shape, s.pair().ref.reduction().sumOfSquares(t.ref()), s.pair().test.reduction().sumOfSquares(t.test()), tol);
        s.check("sumOfAbs " + shape, s.pair().ref.reduction().sumOfAbs(t.ref()), s.pair().test.reduction().sumOfAbs(t.test()), tol);
    }

    private static void count(Scope s, Shape shape, double[] scores, double[] targets, long expected) {
        Twin sc = s.upload(shape, scores);
        Twin tg = s.upload(shape, targets);
        long ref = s.pair().ref.reduction().countArgmaxMatches(sc.ref(), tg.ref());
        long got = s.pair().test.reduction().countArgmaxMatches(sc.test(), tg.test());
        s.check("reference countArgmaxMatches " + shape, expected, ref, Tolerance.exact());
        s.check("countArgmaxMatches " + shape, expected, got, Tolerance.exact());
    }

    private static void countRandom(Scope s) {
        Data d = new Data(11);
        int n = 50, f = 10;
        double[] scores = d.uniform(n * f, -3, 3);
        double[] targets = d.oneHot(n, f);
        // Make about half the rows correct so the count is neither 0 nor N.
        for (int r = 0; r < n; r += 2) {
            for (int i = 0; i < f; i++) if (targets[r * f + i] == 1) scores[r * f + i] = 4;
        }
        count(s, Shape.of(n, f), scores, targets, expectedCount(scores, targets, n, f));
    }

    private static void countTies(Scope s) {
        Data d = new Data(12);
        int n = 40, f = 6;
        double[] scores = d.integers((long) n * f, 2);   // many rows with several maxima
        double[] targets = d.integers((long) n * f, 2);
        count(s, Shape.of(n, f), scores, targets, expectedCount(scores, targets, n, f));
    }

    private static void countSingleColumn(Scope s) {
        // Rows sit on both thresholds, unbalanced so that moving either one (s > 0, t > 0.5) changes the count.
        double[] scores = {0, 0, -1e-6, -1e-6, 2, 2, -3, -3, 0, 1};
        double[] targets = {0.5, 0.25, 0.5, 0.25, 1, 0, 1, 0, 1, 0.5};
        // matches: yes, no, no, yes, yes, no, no, yes, yes, yes
        double[] asFloat = new double[scores.length];
        for (int i = 0; i < scores.length; i++) asFloat[i] = (float) scores[i];
        count(s, Shape.of(scores.length, 1), asFloat, targets, 6);
    }

    /** The rule written out independently: first index of the row maximum on both sides. */
    private static long expectedCount(double[] scores, double[] targets, int n, int f) {
        long c = 0;
        for (int r = 0; r < n; r++) if (argmax(scores, r, f) == argmax(targets, r, f)) c++;
        return c;
    }

    private static int argmax(double[] a, int row, int f) {
        int best = 0;
        for (int i = 1; i < f; i++) if (a[row * f + i] > a[row * f + best]) best = i;
        return best;
    }
}
