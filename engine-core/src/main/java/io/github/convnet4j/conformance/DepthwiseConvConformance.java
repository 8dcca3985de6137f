package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.test;
import static io.github.convnet4j.conformance.Cases.group;

/**
 * Depthwise convolution forward, backwardData and backwardFilter (with and without bias) over a
 * table of geometries: depth multipliers 1, 2 and 3, strides 1 and 2 (also unequal), symmetric and
 * asymmetric padding, dilation 1 and 2, kernels 1x1, 3x3, 5x5 and 4x3, enough planes to be split
 * across threads, and planes large enough that a backend working on groups of images (the CPU's
 * {@code DepthwiseFast}) has a last group smaller than the others. Values uniform in [-1, 1).
 */
final class DepthwiseConvConformance {
    private DepthwiseConvConformance() {}

    /** One geometry: input (N, C, H, W), filters (C*M, 1, R, S). */
    record Geometry(int n, int c, int m, int h, int w, int r, int s, ConvParams p) {
        Shape x() { return Shape.of(n, c, h, w); }
        Shape filters() { return Shape.of(c * m, 1, r, s); }
        Shape y() { return Shape.of(n, c * m, p.outputHeight(h, r), p.outputWidth(w, s)); }

        String name() { return "x " + x() + " w " + filters() + " " + p + " -> y " + y(); }
    }

    static List<Geometry> geometries() {
        return List.of(
                new Geometry(2, 3, 1, 8, 8, 3, 3, ConvParams.of(1, 1, 1)),
                new Geometry(2, 4, 2, 9, 7, 3, 3, ConvParams.of(1, 0, 1)),
                new Geometry(1, 3, 3, 10, 9, 3, 3, ConvParams.of(2, 1, 1)),
                new Geometry(2, 5, 1, 12, 11, 5, 5, ConvParams.of(2, 2, 1)),
                new Geometry(2, 3, 1, 9, 9, 3, 3, ConvParams.of(1, 2, 2)),
                new Geometry(1, 4, 2, 7, 8, 1, 1, ConvParams.of(1, 0, 1)),
                new Geometry(2, 3, 1, 8, 7, 2, 2, new ConvParams(1, 1, 0, 0, 1, 1, 1, 1)),   // Keras 'same', even kernel
                new Geometry(1, 2, 2, 9, 10, 4, 3, new ConvParams(2, 1, 1, 0, 2, 1, 1, 1)),
                new Geometry(2, 3, 1, 8, 8, 3, 3, new ConvParams(2, 2, 0, 0, 1, 1, 1, 1)),   // MobileNet's stride-2 'same'
                new Geometry(4, 32, 1, 16, 16, 3, 3, ConvParams.of(1, 1, 1)),               // split across threads
                // planes large enough that the CPU takes a group of 3 images of a channel at a time: 5 = 3 + 2
                new Geometry(5, 2, 1, 44, 44, 3, 3, ConvParams.of(1, 1, 1)),
                new Geometry(5, 2, 2, 44, 43, 3, 3, new ConvParams(2, 2, 0, 0, 1, 1, 1, 1)));
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return geometries().stream().map(g -> group(g.name(), Stream.of(
                test(g.name(), "forward with bias", pair, s -> forward(s, g, true)),
                test(g.name(), "forward without bias", pair, s -> forward(s, g, false)),
                test(g.name(), "backwardData", pair, s -> backwardData(s, g)),
                test(g.name(), "backwardFilter with bias", pair, s -> backwardFilter(s, g, true)),
                test(g.name(), "backwardFilter without bias", pair, s -> backwardFilter(s, g, false)))));
    }

    private static void forward(Scope s, Geometry g, boolean withBias) {
        Data d = new Data(Cases.seed("depthwise " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin b = s.upload(Shape.of(g.c() * g.m()), d.uniform(Shape.of(g.c() * g.m())));
        Twin y = s.garbage(g.y());
        s.pair().test.depthwiseConv().forward(g.p(), x.test(), w.test(), withBias ? b.test() : null, y.test());
        s.pair().ref.depthwiseConv().forward(g.p(), x.ref(), w.ref(), withBias ? b.ref() : null, y.ref());
        s.check("depthwise forward y", y, Tolerance.f32Sum((long) g.r() * g.s() + 1, 1));
    }

    private static void backwardData(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("depthwise bd " + g.name()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin dx = s.garbage(g.x());
        s.pair().test.depthwiseConv().backwardData(g.p(), dy.test(), w.test(), dx.test());
        s.pair().ref.depthwiseConv().backwardData(g.p(), dy.ref(), w.ref(), dx.ref());
        s.check("depthwise backwardData dx", dx, Tolerance.f32Sum((long) g.m() * g.r() * g.s(), 1));
    }

    private static void backwardFilter(Scope s, Geometry g, boolean withBias) {
        Data d = new Data(Cases.seed("depthwise bf " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin dw = s.garbage(g.filters());
        Twin db = s.garbage(Shape.of(g.c() * g.m()));
        s.pair().test.depthwiseConv().backwardFilter(g.p(), x.test(), dy.test(), dw.test(), withBias ? db.test() : null);
        s.pair().ref.depthwiseConv().backwardFilter(g.p(), x.ref(), dy.ref(), dw.ref(), withBias ? db.ref() : null);
        Tolerance tol = Tolerance.f32Sum(g.y().size() / (g.c() * g.m()), 1);   // N*P*Q terms per tap and per bias
        s.check("depthwise backwardFilter dw", dw, tol);
        if (withBias) s.check("depthwise backwardFilter dbias", db, tol);
    }
}
