package io.github.convnet4j.conformance;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

import io.github.convnet4j.tensor.Shape;
import java.util.stream.Stream;

/**
 * Channel copies (into the middle of a wider tensor and out of it, images and vectors), channel
 * gates ((N, C) and (N, C, 1, 1), also in place) and their gradient, maximum (also in place) and
 * its routing with exact ties, zero padding and its crop with uneven sides. Copies and routing are
 * exact; the gate gradient is a sum over a plane.
 */
final class MergeConformance {
    private MergeConformance() {}

    private static final Shape MAP = Shape.of(3, 5, 6, 7);
    private static final Tolerance TOL = Tolerance.f32Elementwise();

    static Stream<CaseNode> tests(BackendPair pair) {
        return Stream.of(group("merge", Stream.of(
                test("copyChannels 3 of (3, 5, 6, 7) to offset 4 of (3, 9, 6, 7)", pair, s -> copy(s, MAP, 0, Shape.of(3, 9, 6, 7), 4, 3)),
                test("copyChannels 2 from offset 3 of (3, 9, 6, 7) to (3, 2, 6, 7)", pair, s -> copy(s, Shape.of(3, 9, 6, 7), 3, Shape.of(3, 2, 6, 7), 0, 2)),
                test("copyChannels (4, 5) to offset 2 of (4, 8)", pair, s -> copy(s, Shape.of(4, 5), 0, Shape.of(4, 8), 2, 5)),
                test("scaleChannels gate (N, C)", pair, s -> scale(s, Shape.of(3, 5), false)),
                test("scaleChannels gate (N, C, 1, 1) in place", pair, s -> scale(s, Shape.of(3, 5, 1, 1), true)),
                test("gateGradient", pair, MergeConformance::gateGradient),
                test("maximum", pair, s -> maximum(s, false)),
                test("maximum into a", pair, s -> maximum(s, true)),
                test("routeMaximum with ties", pair, MergeConformance::route),
                test("pad (1, 2) of (3, 5, 6, 7) to (3, 5, 10, 10)", pair, s -> pad(s, Shape.of(3, 5, 10, 10), 1, 2)),
                test("crop (3, 0) of (3, 5, 9, 8) to (3, 5, 6, 7)", pair, s -> crop(s, Shape.of(3, 5, 9, 8), 3, 0)))));
    }

    private static void copy(Scope s, Shape from, int srcOffset, Shape to, int dstOffset, int channels) {
        Data d = new Data(21);
        Twin src = s.upload(from, d.uniform(from));
        Twin dst = s.upload(to, d.uniform(to)); // channels outside the range must keep these values
        s.pair().test.merge().copyChannels(src.test(), srcOffset, dst.test(), dstOffset, channels);
        s.pair().ref.merge().copyChannels(src.ref(), srcOffset, dst.ref(), dstOffset, channels);
        s.check("copyChannels dst", dst, Tolerance.exact());
    }

    private static void scale(Scope s, Shape gateShape, boolean inPlace) {
        Data d = new Data(22);
        Twin x = s.upload(MAP, d.uniform(MAP));
        Twin gate = s.upload(gateShape, d.uniform(gateShape));
        Twin out = inPlace ? x : s.garbage(MAP);
        s.pair().test.merge().scaleChannels(x.test(), gate.test(), out.test());
        s.pair().ref.merge().scaleChannels(x.ref(), gate.ref(), out.ref());
        s.check("scaleChannels out", out, TOL);
    }

    private static void gateGradient(Scope s) {
        Data d = new Data(23);
        Twin dy = s.upload(MAP, d.uniform(MAP));
        Twin x = s.upload(MAP, d.uniform(MAP));
        Shape g = Shape.of(3, 5);
        Twin dgate = s.garbage(g);
        s.pair().test.merge().gateGradient(dy.test(), x.test(), dgate.test());
        s.pair().ref.merge().gateGradient(dy.ref(), x.ref(), dgate.ref());
        s.check("gateGradient dgate", dgate, Tolerance.f32Sum(6 * 7, 1));
    }

    private static void maximum(Scope s, boolean intoA) {
        Data d = new Data(24);
        Twin a = s.upload(MAP, d.uniform(MAP));
        Twin b = s.upload(MAP, d.uniform(MAP));
        Twin out = intoA ? a : s.garbage(MAP);
        s.pair().test.merge().maximum(a.test(), b.test(), out.test());
        s.pair().ref.merge().maximum(a.ref(), b.ref(), out.ref());
        s.check("maximum out", out, Tolerance.exact());
    }

    private static void route(Scope s) {
        Data d = new Data(25);
        double[] xv = d.uniform(MAP), yv = d.uniform(MAP);
        for (int i = 0; i < xv.length; i += 3) yv[i] = xv[i]; // every third element holds the maximum
        Twin x = s.upload(MAP, xv), y = s.upload(MAP, yv), dy = s.upload(MAP, d.uniform(MAP));
        Twin dx = s.garbage(MAP);
        s.pair().test.merge().routeMaximum(x.test(), y.test(), dy.test(), dx.test());
        s.pair().ref.merge().routeMaximum(x.ref(), y.ref(), dy.ref(), dx.ref());
        s.check("routeMaximum dx", dx, Tolerance.exact());
    }

    private static void pad(Scope s, Shape large, int top, int left) {
        Twin x = s.upload(MAP, new Data(26).uniform(MAP));
        Twin y = s.garbage(large);
        s.pair().test.merge().pad(x.test(), y.test(), top, left);
        s.pair().ref.merge().pad(x.ref(), y.ref(), top, left);
        s.check("pad y", y, Tolerance.exact());
    }

    private static void crop(Scope s, Shape large, int top, int left) {
        Twin dy = s.upload(large, new Data(27).uniform(large));
        Twin dx = s.garbage(MAP);
        s.pair().test.merge().crop(dy.test(), dx.test(), top, left);
        s.pair().ref.merge().crop(dy.ref(), dx.ref(), top, left);
        s.check("crop dx", dx, Tolerance.exact());
    }
}
