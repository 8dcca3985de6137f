package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.Activation.Kind;
import io.github.convnet4j.tensor.Shape;

import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Every activation forward and backward, out of place and in place (y aliasing x, dx aliasing dy).
 * Pointwise inputs span [-6, 6) but stay 1e-3 away from 0 so no rounding flips the side of a
 * kink. Softmax runs on an (N, F) matrix and on an (N, C, H, W) tensor (rows of C*H*W), and on
 * logits near 100 where an implementation without the max subtracted overflows float32. ReLU also
 * runs on keras-mnist's first activation at batch 32, softmax on its (32, 10) output.
 */
final class ActivationConformance {
    private ActivationConformance() {}

    static List<Activation> activations() {
        return List.of(Activation.LINEAR, Activation.RELU, Activation.leakyRelu(0.1), Activation.elu(1.0),
                Activation.SIGMOID, Activation.TANH, Activation.SWISH, Activation.SOFTMAX);
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return activations().stream().map(a -> {
            List<Shape> shapes = a.kind() == Kind.SOFTMAX
                    ? List.of(Shape.of(6, 10), Shape.of(3, 4, 2, 2), Shape.of(5, 1), Shape.of(512, 100), Shape.of(32, 10))
                    : a.kind() == Kind.RELU
                    ? List.of(Shape.of(4, 3, 5, 6), Shape.of(7, 11), Shape.of(8, 16, 40, 40), Shape.of(32, 32, 26, 26))
                    : List.of(Shape.of(4, 3, 5, 6), Shape.of(7, 11), Shape.of(8, 16, 40, 40));
            String name = a.keyword() + "(alpha " + a.alpha() + ")";
            return group(name, shapes.stream().flatMap(shape -> Stream.of(
                    test(name, "forward/backward " + shape, pair, s -> run(s, a, shape, false)),
                    test(name, "in place " + shape, pair, s -> run(s, a, shape, true)))));
        });
    }

    private static double[] input(Activation a, Shape shape, Data d) {
        if (a.kind() != Kind.SOFTMAX) return d.awayFromZero(shape.size(), 6, 1e-3);
        double[] x = d.uniform(shape.size(), -5, 5);
        int cols = shape.sampleSize();
        for (int i = 0; i < cols; i++) x[i] = (float) (x[i] + 100);   // first row: overflow without max subtraction
        return x;
    }

    /**
     * Softmax sums a row (the normalizer forward, {@code sum_j dy_j y_j} backward, terms of
     * magnitude at most 1), on top of its exponentials; everything else is pointwise.
     */
    private static Tolerance tolerance(Activation a, Shape shape) {
        if (a.kind() == Kind.SOFTMAX) return Tolerance.f32Transcendental().plus(Tolerance.f32Sum(shape.sampleSize(), 1));
        return Tolerance.f32Transcendental();
    }

    /**
     * Out of place: {@code forward(x, y)} then {@code backward(x, y, dy, dx)}. In place: the forward
     * pass writes over its input and the backward pass over dy (x and y stay separate there, since
     * the backward pass may read either).
     */
    private static void run(Scope s, Activation a, Shape shape, boolean inPlace) {
        Data d = new Data(Cases.seed("activation " + a + shape));
        double[] xValues = input(a, shape, d);
        double[] dyValues = d.uniform(shape);
        Twin x = s.upload(shape, xValues);
        Twin y = s.garbage(shape);
        Twin dy = s.upload(shape, dyValues);
        Twin dx = inPlace ? dy : s.garbage(shape);
        String how = inPlace ? " in place" : "";
        if (inPlace) {
            Twin yInPlace = s.upload(shape, xValues);
            s.pair().test.activation().forward(a, yInPlace.test(), yInPlace.test());
            s.pair().ref.activation().forward(a, yInPlace.ref(), yInPlace.ref());
            s.check(a.keyword() + how + " forward y", yInPlace, tolerance(a, shape));
        }
        s.pair().test.activation().forward(a, x.test(), y.test());
        s.pair().ref.activation().forward(a, x.ref(), y.ref());
        s.check(a.keyword() + " forward y", y, tolerance(a, shape));
        s.pair().test.activation().backward(a, x.test(), y.test(), dy.test(), dx.test());
        s.pair().ref.activation().backward(a, x.ref(), y.ref(), dy.ref(), dx.ref());
        s.check(a.keyword() + how + " backward dx", dx, tolerance(a, shape));
    }
}
