package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.backend.ops.PoolParams.Mode;
import io.github.convnet4j.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Max and average pooling forward and backward: windows equal to and larger than the stride
 * (overlapping windows accumulate gradients), padding (excluded from the average's count, never a
 * max), asymmetric padding, non-square windows and images, a global-average window (H x W), an
 * all-negative input with padding (a padded zero must not win), and integer-valued inputs full of
 * ties (the gradient goes to the first maximum in row-major order); then the pools of real nets:
 * keras-mnist's two 2x2 max pools at batch 32 (the second leaves a row in no window) and
 * resnet-small's global average pool.
 */
final class PoolConformance {
    private PoolConformance() {}

    /** What the input holds. */
    enum Input { UNIFORM, NEGATIVE, TIES }

    record Geometry(int n, int c, int h, int w, PoolParams p, Input input) {
        Shape x() { return Shape.of(n, c, h, w); }
        Shape y() { return Shape.of(n, c, p.outputHeight(h), p.outputWidth(w)); }

        String name() {
            return p.mode() + " x " + x() + " window " + p.windowH() + "x" + p.windowW() + " stride " + p.strideH() + "x" + p.strideW()
                    + " pad t" + p.padTop() + " l" + p.padLeft() + " b" + p.padBottom() + " r" + p.padRight()
                    + (input == Input.UNIFORM ? "" : " " + input.name().toLowerCase()) + " -> y " + y();
        }
    }

    static List<Geometry> geometries() {
        List<Geometry> list = new ArrayList<>();
        for (Mode m : Mode.values()) {
            list.add(new Geometry(2, 3, 8, 8, pool(m, 2, 2, 2, 2, 0, 0, 0, 0), Input.UNIFORM));
            list.add(new Geometry(2, 3, 9, 7, pool(m, 3, 3, 2, 2, 1, 1, 1, 1), Input.UNIFORM));
            list.add(new Geometry(1, 4, 6, 7, pool(m, 3, 3, 1, 1, 1, 1, 1, 1), Input.UNIFORM));
            list.add(new Geometry(2, 2, 8, 8, pool(m, 3, 3, 2, 2, 0, 0, 0, 0), Input.UNIFORM));   // last row in no window
            list.add(new Geometry(2, 3, 7, 9, pool(m, 2, 3, 1, 2, 0, 1, 1, 0), Input.UNIFORM));
            list.add(new Geometry(1, 2, 5, 6, pool(m, 2, 2, 2, 2, 1, 1, 1, 1), Input.NEGATIVE));
            list.add(new Geometry(2, 3, 7, 7, pool(m, 3, 3, 2, 2, 1, 1, 1, 1), Input.TIES));
            list.add(new Geometry(3, 5, 6, 5, pool(m, 6, 5, 6, 5, 0, 0, 0, 0), Input.UNIFORM));   // global pooling
            list.add(new Geometry(8, 16, 32, 32, pool(m, 3, 3, 2, 2, 1, 1, 1, 1), Input.UNIFORM)); // split across threads/blocks
        }
        list.add(new Geometry(32, 32, 26, 26, pool(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0), Input.UNIFORM));   // keras-mnist max_pooling2d_1
        list.add(new Geometry(32, 64, 11, 11, pool(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0), Input.UNIFORM));   // keras-mnist max_pooling2d_2
        list.add(new Geometry(16, 512, 4, 4, pool(Mode.AVERAGE, 4, 4, 4, 4, 0, 0, 0, 0), Input.UNIFORM));    // resnet-small global average pool
        return list;
    }

    private static PoolParams pool(Mode m, int wh, int ww, int sh, int sw, int pt, int pl, int pb, int pr) {
        return new PoolParams(m, wh, ww, sh, sw, pt, pl, pb, pr);
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return geometries().stream().map(g -> group(g.name(), Stream.of(
                test(g.name(), "forward", pair, s -> forward(s, g)),
                test(g.name(), "backward", pair, s -> backward(s, g)))));
    }

    private static double[] input(Geometry g, Data d) {
        return switch (g.input()) {
            case UNIFORM -> d.uniform(g.x());
            case NEGATIVE -> d.uniform(g.x().size(), -3, -1);
            case TIES -> d.integers(g.x().size(), 3);
        };
    }

    /** Max is a selection (exact); the average divides a sum of at most window-area terms. */
    private static Tolerance forwardTolerance(Geometry g) {
        return g.p().mode() == Mode.MAX ? Tolerance.exact() : Tolerance.f32Sum((long) g.p().windowH() * g.p().windowW(), 3);
    }

    private static void forward(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("pool " + g.name()));
        Twin x = s.upload(g.x(), input(g, d));
        Twin y = s.garbage(g.y());
        s.pair().test.pool().forward(g.p(), x.test(), y.test());
        s.pair().ref.pool().forward(g.p(), x.ref(), y.ref());
        s.check("pool forward y", y, forwardTolerance(g));
    }

    private static void backward(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("pool bwd " + g.name()));
        Twin x = s.upload(g.x(), input(g, d));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin y = s.garbage(g.y());
        Twin dx = s.garbage(g.x());
        s.pair().test.pool().forward(g.p(), x.test(), y.test());
        s.pair().ref.pool().forward(g.p(), x.ref(), y.ref());
        s.pair().test.pool().backward(g.p(), x.test(), y.test(), dy.test(), dx.test());
        s.pair().ref.pool().backward(g.p(), x.ref(), y.ref(), dy.ref(), dx.ref());
        // Each dx element sums the contributions of the windows that cover it: at most the window area.
        s.check("pool backward dx", dx, Tolerance.f32Sum((long) g.p().windowH() * g.p().windowW(), 1));
    }
}
