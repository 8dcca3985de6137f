package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Fill, copy, scale, axpy, add (also with the output aliasing either input), bias add and bias
 * gradient for (N, C) and (N, C, H, W), multiply (also aliased) and the L1/L2 regularization
 * gradient (with exact zeros in w, where sign(0) = 0), and clip (with values exactly at the
 * bounds). Dropout has its own class.
 */
final class ElementwiseConformance {
    private ElementwiseConformance() {}

    private static final Shape SHAPE = Shape.of(4, 3, 5, 7);
    /** Large enough that a backend splits the work across threads or work-groups. */
    private static final Shape BIG = Shape.of(8, 16, 40, 40);
    private static final Tolerance TOL = Tolerance.f32Elementwise();

    static Stream<CaseNode> tests(BackendPair pair) {
        return Stream.of(group("elementwise", Stream.of(
                test("fill 0.37", pair, s -> fill(s, 0.37)),
                test("fill -2", pair, s -> fill(s, -2)),
                test("copy", pair, ElementwiseConformance::copy),
                test("scale -1.7", pair, ElementwiseConformance::scale),
                test("axpy 0.3", pair, s -> axpy(s, SHAPE)),
                test("axpy 0.3 " + BIG, pair, s -> axpy(s, BIG)),
                test("add", pair, s -> add(s, 0)),
                test("add into a", pair, s -> add(s, 1)),
                test("add into b", pair, s -> add(s, 2)),
                test("addBias (N, C)", pair, s -> addBias(s, Shape.of(6, 5))),
                test("addBias (N, C, H, W)", pair, s -> addBias(s, SHAPE)),
                test("addBias " + BIG, pair, s -> addBias(s, BIG)),
                test("biasGradient (N, C)", pair, s -> biasGradient(s, Shape.of(6, 5))),
                test("biasGradient (N, C, H, W)", pair, s -> biasGradient(s, SHAPE)),
                test("biasGradient " + BIG, pair, s -> biasGradient(s, BIG)),
                test("multiply", pair, s -> multiply(s, false)),
                test("multiply into a", pair, s -> multiply(s, true)),
                test("regularization l1 0.01", pair, s -> regularization(s, 0.01, 0)),
                test("regularization l2 0.02", pair, s -> regularization(s, 0, 0.02)),
                test("regularization l1 0.01 l2 0.02", pair, s -> regularization(s, 0.01, 0.02)),
                // Bounds that float32 holds exactly, so the F32 result equals the F64 reference bit for bit.
                test("clip [-0.375, 0.5]", pair, s -> clip(s, SHAPE, -0.375, 0.5)),
                test("clip [-0.25, 0.25] " + BIG, pair, s -> clip(s, BIG, -0.25, 0.25)),
                test("clip [0.125, 0.125]", pair, s -> clip(s, SHAPE, 0.125, 0.125)))));
    }

    private static void fill(Scope s, double value) {
        Twin t = s.garbage(SHAPE);
        s.pair().test.elementwise().fill(t.test(), value);
        s.pair().ref.elementwise().fill(t.ref(), value);
        s.check("fill", t, TOL);
    }

    private static void copy(Scope s) {
        Twin src = s.upload(SHAPE, new Data(1).uniform(SHAPE));
        Twin dst = s.garbage(SHAPE);
        s.pair().test.elementwise().copy(src.test(), dst.test());
        s.pair().ref.elementwise().copy(src.ref(), dst.ref());
        s.check("copy", dst, Tolerance.exact());
    }

    private static void scale(Scope s) {
        Twin t = s.upload(SHAPE, new Data(2).uniform(SHAPE));
        s.pair().test.elementwise().scale(t.test(), -1.7);
        s.pair().ref.elementwise().scale(t.ref(), -1.7);
        s.check("scale", t, TOL);
    }

    private static void axpy(Scope s, Shape shape) {
        Data d = new Data(3);
        Twin x = s.upload(shape, d.uniform(shape));
        Twin y = s.upload(shape, d.uniform(shape));
        s.pair().test.elementwise().axpy(0.3, x.test(), y.test());
        s.pair().ref.elementwise().axpy(0.3, x.ref(), y.ref());
        s.check("axpy y", y, TOL);
    }

    /** {@code alias}: 0 none, 1 out is a, 2 out is b. */
    private static void add(Scope s, int alias) {
        Data d = new Data(4);
        Twin a = s.upload(SHAPE, d.uniform(SHAPE));
        Twin b = s.upload(SHAPE, d.uniform(SHAPE));
        Twin out = alias == 1 ? a : alias == 2 ? b : s.garbage(SHAPE);
        s.pair().test.elementwise().add(a.test(), b.test(), out.test());
        s.pair().ref.elementwise().add(a.ref(), b.ref(), out.ref());
        s.check("add out", out, TOL);
    }

    private static void addBias(Scope s, Shape shape) {
        Data d = new Data(5);
        Shape ch = Shape.of(shape.dim(1));
        Twin y = s.upload(shape, d.uniform(shape));
        Twin bias = s.upload(ch, d.uniform(ch));
        s.pair().test.elementwise().addBias(y.test(), bias.test());
        s.pair().ref.elementwise().addBias(y.ref(), bias.ref());
        s.check("addBias y", y, TOL);
    }

    private static void biasGradient(Scope s, Shape shape) {
        Shape ch = Shape.of(shape.dim(1));
        Twin dy = s.upload(shape, new Data(6).uniform(shape));
        Twin db = s.garbage(ch);
        s.pair().test.elementwise().biasGradient(dy.test(), db.test());
        s.pair().ref.elementwise().biasGradient(dy.ref(), db.ref());
        s.check("biasGradient dbias", db, Tolerance.f32Sum(shape.size() / shape.dim(1), 1));
    }

    private static void multiply(Scope s, boolean intoA) {
        Data d = new Data(7);
        Twin a = s.upload(SHAPE, d.uniform(SHAPE));
        Twin b = s.upload(SHAPE, d.uniform(SHAPE));
        Twin out = intoA ? a : s.garbage(SHAPE);
        s.pair().test.elementwise().multiply(a.test(), b.test(), out.test());
        s.pair().ref.elementwise().multiply(a.ref(), b.ref(), out.ref());
        s.check("multiply out", out, TOL);
    }

    private static void regularization(Scope s, double l1, double l2) {
        Data d = new Data(8);
        double[] wv = d.uniform(SHAPE);
        for (int i = 0; i < wv.length; i += 11) wv[i] = 0;
        Twin w = s.upload(SHAPE, wv);
        Twin g = s.upload(SHAPE, d.uniform(SHAPE));
        s.pair().test.elementwise().addRegularizationGradient(w.test(), g.test(), l1, l2);
        s.pair().ref.elementwise().addRegularizationGradient(w.ref(), g.ref(), l1, l2);
        s.check("regularization g", g, TOL);
        s.check("regularization leaves w", w, Tolerance.exact());
    }


    private static void clip(Scope s, Shape shape, double lo, double hi) {
        double[] v = new Data(9).uniform(shape);
        // Some values exactly at each bound (as float32), which must stay as they are.
        for (int i = 0; i < v.length; i += 7) v[i] = (float) lo;
        for (int i = 3; i < v.length; i += 7) v[i] = (float) hi;
        Twin t = s.upload(shape, v);
        s.pair().test.elementwise().clip(t.test(), lo, hi);
        s.pair().ref.elementwise().clip(t.ref(), lo, hi);
        s.check("clip t", t, Tolerance.exact());
    }
}
