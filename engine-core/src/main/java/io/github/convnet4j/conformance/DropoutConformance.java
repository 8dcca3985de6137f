package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.DropoutHash;
import io.github.convnet4j.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Inverted dropout. The mask is integer arithmetic ({@link DropoutHash}), so it must be the same
 * on every backend bit for bit: each mask element is compared exactly with
 * {@code u(seed, i) >= rate ? (float) (1 / (1 - rate)) : 0} computed here, on the backend under
 * test and on the reference (in double there). Then {@code y = x mask} within one rounding.
 */
final class DropoutConformance {
    private DropoutConformance() {}

    record Case(Shape shape, double rate, int seed) {
        String name() { return "dropout " + shape + " rate " + rate + " seed " + seed; }
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        double[] rates = {0, 0.3, 0.5, 0.9};
        int[] seeds = {0, 42, -7, Integer.MAX_VALUE};
        for (int i = 0; i < rates.length; i++) {
            list.add(new Case(Shape.of(1001), rates[i], seeds[i]));
            list.add(new Case(Shape.of(4, 3, 5, 7), rates[i], seeds[(i + 1) % seeds.length]));
        }
        return list;
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return Stream.of(group("dropout", cases().stream().map(c -> test(c.name(), pair, s -> run(s, c)))));
    }

    private static void run(Scope s, Case c) {
        Twin x = s.upload(c.shape(), new Data(Cases.seed(c.name())).uniform(c.shape()));
        Twin y = s.garbage(c.shape());
        Twin mask = s.garbage(c.shape());
        s.pair().test.elementwise().dropoutForward(x.test(), y.test(), mask.test(), c.rate(), c.seed());
        s.pair().ref.elementwise().dropoutForward(x.ref(), y.ref(), mask.ref(), c.rate(), c.seed());

        int n = Math.toIntExact(c.shape().size());
        double[] expected = new double[n];
        double[] expectedRef = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (DropoutHash.uniform(c.seed(), i) >= c.rate()) {
                expected[i] = (float) (1 / (1 - c.rate()));
                expectedRef[i] = 1 / (1 - c.rate());
                kept++;
            }
        }
        s.check("dropout mask (backend under test) " + c.shape(), expected, s.test(mask), c.shape(), Tolerance.exact());
        s.check("dropout mask (reference) " + c.shape(), expectedRef, s.ref(mask), c.shape(), Tolerance.exact());
        s.check("dropout y", y, Tolerance.f32Elementwise());
        // The hash must actually drop about rate of the elements (a broken hash could keep all).
        double keptFraction = (double) kept / n;
        double allowed = 4 * Math.sqrt(c.rate() * (1 - c.rate()) / n) + 1e-12;
        Cases.expect(Math.abs(keptFraction - (1 - c.rate())) <= allowed,
                "fraction of kept elements for rate " + c.rate() + ": " + keptFraction + ", expected " + (1 - c.rate()) + " +- " + allowed);
    }
}
