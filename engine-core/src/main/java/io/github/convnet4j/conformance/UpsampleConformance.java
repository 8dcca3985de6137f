package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.test;
import static io.github.convnet4j.conformance.Cases.group;

/**
 * Nearest upsampling forward (exact: a copy) and backward (a block sum) for factors 1, 2, 3 and
 * unequal per axis, on odd and even planes.
 */
final class UpsampleConformance {
    private UpsampleConformance() {}

    record Geometry(Shape x, UpsampleParams p) {
        Shape y() { return Shape.of(x.dim(0), x.dim(1), x.dim(2) * p.factorH(), x.dim(3) * p.factorW()); }
        String name() { return "x " + x + " factors " + p.factorH() + "x" + p.factorW(); }
    }

    static List<Geometry> geometries() {
        return List.of(
                new Geometry(Shape.of(2, 3, 4, 5), new UpsampleParams(2, 2)),
                new Geometry(Shape.of(1, 2, 3, 3), new UpsampleParams(3, 1)),
                new Geometry(Shape.of(2, 4, 5, 6), new UpsampleParams(1, 2)),
                new Geometry(Shape.of(3, 2, 7, 4), new UpsampleParams(2, 3)),
                new Geometry(Shape.of(4, 16, 8, 8), new UpsampleParams(2, 2)));   // split across threads
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return geometries().stream().map(g -> group(g.name(), Stream.of(
                test(g.name(), "forward", pair, s -> forward(s, g)),
                test(g.name(), "backward", pair, s -> backward(s, g)))));
    }

    private static void forward(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("upsample " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin y = s.garbage(g.y());
        s.pair().test.upsample().forward(g.p(), x.test(), y.test());
        s.pair().ref.upsample().forward(g.p(), x.ref(), y.ref());
        s.check("upsample forward y", y, Tolerance.exact());
    }

    private static void backward(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("upsample bw " + g.name()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin dx = s.garbage(g.x());
        s.pair().test.upsample().backward(g.p(), dy.test(), dx.test());
        s.pair().ref.upsample().backward(g.p(), dy.ref(), dx.ref());
        s.check("upsample backward dx", dx, Tolerance.f32Sum((long) g.p().factorH() * g.p().factorW(), 1));
    }
}
