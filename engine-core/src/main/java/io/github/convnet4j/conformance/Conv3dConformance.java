package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.test;
import static io.github.convnet4j.conformance.Cases.group;

/**
 * 3-D convolution forward, backwardData and backwardFilter (with and without bias) over a table of
 * geometries: strides 1 and 2 (also unequal per axis), symmetric and asymmetric padding, dilation
 * 1 and 2, kernels 1x1x1, 3x3x3 and 2x3x1. Values uniform in [-1, 1).
 */
final class Conv3dConformance {
    private Conv3dConformance() {}

    /** One geometry: input (N, C, D, H, W), filters (K, C, T, R, S). */
    record Geometry(int n, int c, int d, int h, int w, int k, int t, int r, int s, Conv3dParams p) {
        Shape x() { return Shape.of(n, c, d, h, w); }
        Shape filters() { return Shape.of(k, c, t, r, s); }
        Shape y() { return Shape.of(n, k, p.outputDepth(d, t), p.outputHeight(h, r), p.outputWidth(w, s)); }
        String name() { return "x " + x() + " w " + filters() + " " + p + " -> y " + y(); }
    }

    static List<Geometry> geometries() {
        return List.of(
                new Geometry(2, 2, 5, 6, 5, 3, 3, 3, 3, Conv3dParams.of(1, 0, 1)),
                new Geometry(1, 3, 6, 5, 7, 2, 3, 3, 3, Conv3dParams.of(1, 1, 1)),
                new Geometry(2, 2, 7, 7, 6, 4, 3, 3, 3, Conv3dParams.of(2, 1, 1)),
                new Geometry(1, 2, 7, 7, 7, 2, 3, 3, 3, Conv3dParams.of(1, 2, 2)),
                new Geometry(2, 4, 4, 3, 5, 3, 1, 1, 1, Conv3dParams.of(1, 0, 1)),
                new Geometry(1, 2, 6, 5, 6, 3, 2, 3, 1, new Conv3dParams(2, 1, 2, 0, 1, 0, 1, 1, 0, 1, 1, 1)),   // asymmetric, unequal strides
                new Geometry(2, 3, 4, 6, 6, 4, 2, 2, 2, new Conv3dParams(1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1)));  // Keras 'same', even kernel
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
        Data d = new Data(Cases.seed("conv3d " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin b = s.upload(Shape.of(g.k()), d.uniform(Shape.of(g.k())));
        Twin y = s.garbage(g.y());
        s.pair().test.conv3d().forward(g.p(), x.test(), w.test(), withBias ? b.test() : null, y.test());
        s.pair().ref.conv3d().forward(g.p(), x.ref(), w.ref(), withBias ? b.ref() : null, y.ref());
        s.check("conv3d forward y", y, Tolerance.f32Sum((long) g.c() * g.t() * g.r() * g.s() + 1, 1));
    }

    private static void backwardData(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("conv3d bd " + g.name()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin dx = s.garbage(g.x());
        s.pair().test.conv3d().backwardData(g.p(), dy.test(), w.test(), dx.test());
        s.pair().ref.conv3d().backwardData(g.p(), dy.ref(), w.ref(), dx.ref());
        s.check("conv3d backwardData dx", dx, Tolerance.f32Sum((long) g.k() * g.t() * g.r() * g.s(), 1));
    }

    private static void backwardFilter(Scope s, Geometry g, boolean withBias) {
        Data d = new Data(Cases.seed("conv3d bf " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin dw = s.garbage(g.filters());
        Twin db = s.garbage(Shape.of(g.k()));
        s.pair().test.conv3d().backwardFilter(g.p(), x.test(), dy.test(), dw.test(), withBias ? db.test() : null);
        s.pair().ref.conv3d().backwardFilter(g.p(), x.ref(), dy.ref(), dw.ref(), withBias ? db.ref() : null);
        Tolerance tol = Tolerance.f32Sum(g.y().size() / g.k(), 1);
        s.check("conv3d backwardFilter dw", dw, tol);
        if (withBias) s.check("conv3d backwardFilter dbias", db, tol);
    }
}
