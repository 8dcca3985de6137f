package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Optimizer updates over three steps with a new gradient each step, comparing the parameters and
 * every state tensor: SGD plain, with momentum and Nesterov; Adam (t = 1, 2, 3, so the bias
 * correction changes); RMSprop. Learning rates are large enough that every update moves w by far
 * more than the tolerance. Each step is a few roundings per element, and errors add over steps.
 * Adam also runs on two of keras-mnist's weight shapes (conv2d_2's kernel and dense_1's).
 */
final class OptimizerConformance {
    private OptimizerConformance() {}

    private static final int STEPS = 3;
    private static final Shape SHAPE = Shape.of(3, 5, 7);
    private static final Tolerance TOL = Tolerance.f32Elementwise().times(STEPS);

    static Stream<CaseNode> tests(BackendPair pair) {
        return Stream.of(group("optimizer", Stream.of(
                test("sgd lr 0.1", pair, s -> sgd(s, 0, false)),
                test("sgd lr 0.1 momentum 0.9", pair, s -> sgd(s, 0.9, false)),
                test("sgd lr 0.1 momentum 0.9 nesterov", pair, s -> sgd(s, 0.9, true)),
                test("adam lr 0.05 b1 0.9 b2 0.999 eps 1e-7, steps 1-3", pair, s -> adam(s, SHAPE)),
                test("adam lr 0.05 b1 0.9 b2 0.999 eps 1e-7, steps 1-3 " + Shape.of(64, 32, 3, 3), pair, s -> adam(s, Shape.of(64, 32, 3, 3))),
                test("adam lr 0.05 b1 0.9 b2 0.999 eps 1e-7, steps 1-3 " + Shape.of(64, 576), pair, s -> adam(s, Shape.of(64, 576))),
                test("rmsprop lr 0.01 rho 0.9 eps 1e-7, 3 steps", pair, OptimizerConformance::rmsprop))));
    }

    private static void sgd(Scope s, double momentum, boolean nesterov) {
        Data d = new Data(Cases.seed("sgd " + momentum + nesterov));
        Twin w = s.upload(SHAPE, d.uniform(SHAPE));
        Twin v = momentum == 0 ? null : s.upload(SHAPE, d.uniform(SHAPE.size(), -0.1, 0.1));
        for (int step = 0; step < STEPS; step++) {
            Twin g = s.upload(SHAPE, d.uniform(SHAPE));
            s.pair().test.optimizer().sgd(w.test(), g.test(), v == null ? null : v.test(), 0.1, momentum, nesterov);
            s.pair().ref.optimizer().sgd(w.ref(), g.ref(), v == null ? null : v.ref(), 0.1, momentum, nesterov);
        }
        s.check("sgd w", w, TOL);
        if (v != null) s.check("sgd velocity", v, TOL);
    }

    private static void adam(Scope s, Shape shape) {
        Data d = new Data(Cases.seed(shape.equals(SHAPE) ? "adam" : "adam " + shape));
        Twin w = s.upload(shape, d.uniform(shape));
        Twin m = s.zeros(shape);
        Twin v = s.zeros(shape);
        for (long t = 1; t <= STEPS; t++) {
            Twin g = s.upload(shape, d.uniform(shape));
            s.pair().test.optimizer().adam(w.test(), g.test(), m.test(), v.test(), 0.05, 0.9, 0.999, 1e-7, t);
            s.pair().ref.optimizer().adam(w.ref(), g.ref(), m.ref(), v.ref(), 0.05, 0.9, 0.999, 1e-7, t);
        }
        s.check("adam w", w, TOL);
        s.check("adam m", m, TOL);
        s.check("adam v", v, TOL);
    }

    private static void rmsprop(Scope s) {
        Data d = new Data(Cases.seed("rmsprop"));
        Twin w = s.upload(SHAPE, d.uniform(SHAPE));
        Twin ms = s.upload(SHAPE, d.uniform(SHAPE.size(), 0, 0.5));
        for (int step = 0; step < STEPS; step++) {
            Twin g = s.upload(SHAPE, d.uniform(SHAPE));
            s.pair().test.optimizer().rmsprop(w.test(), g.test(), ms.test(), 0.01, 0.9, 1e-7);
            s.pair().ref.optimizer().rmsprop(w.ref(), g.ref(), ms.ref(), 0.01, 0.9, 1e-7);
        }
        s.check("rmsprop w", w, TOL);
        s.check("rmsprop meanSquare", ms, TOL);
    }
}
