package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.maxAbs;
import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Every loss, value and gradient, and the value alone (grad null). Cross-entropy gets one-hot,
 * soft and unnormalized labels (rows not summing to 1), a row of logits near 100 (overflows float32
 * without the max subtracted), and confidently right rows (the target leads by 4 to 18, so 1 - p
 * goes down to 1e-7) whose small gradients must keep their relative accuracy; binary
 * cross-entropy gets logits up to +-30 (log(1 + exp(-z)) must not overflow) with hard and soft
 * targets; mean absolute error gets outputs equal to their targets (sign(0) = 0).
 */
final class LossConformance {
    private LossConformance() {}

    /** What the targets hold. */
    enum Targets { ONE_HOT, CONFIDENT, SOFT, UNNORMALIZED, UNIFORM, BINARY, SOME_EQUAL }

    record Case(LossKind kind, Shape shape, Targets targets, boolean withGrad) {
        String name() {
            return kind + " " + shape + " " + targets.name().toLowerCase() + " targets" + (withGrad ? " with grad" : " value only");
        }
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (boolean g : new boolean[] {true, false}) {
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(5, 7), Targets.ONE_HOT, g));
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(16, 10), Targets.SOFT, g));
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(1, 3), Targets.ONE_HOT, g));
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(6, 4), Targets.UNNORMALIZED, g));
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(512, 10), Targets.ONE_HOT, g));
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(32, 10), Targets.ONE_HOT, g));   // keras-mnist at batch 32
            list.add(new Case(LossKind.SOFTMAX_CROSS_ENTROPY, Shape.of(32, 10), Targets.CONFIDENT, g));
            list.add(new Case(LossKind.MEAN_SQUARED_ERROR, Shape.of(512, 64), Targets.UNIFORM, g));
            list.add(new Case(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, Shape.of(8, 1), Targets.BINARY, g));
            list.add(new Case(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, Shape.of(6, 5), Targets.UNIFORM, g));
            list.add(new Case(LossKind.MEAN_SQUARED_ERROR, Shape.of(7, 3), Targets.UNIFORM, g));
            list.add(new Case(LossKind.MEAN_SQUARED_ERROR, Shape.of(1, 1), Targets.UNIFORM, g));
            list.add(new Case(LossKind.MEAN_ABSOLUTE_ERROR, Shape.of(9, 4), Targets.SOME_EQUAL, g));
        }
        return list;
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return Stream.of(group("loss", cases().stream().map(c -> test(c.name(), pair, s -> run(s, c)))));
    }

    private static double[] outputs(Case c, Data d) {
        return switch (c.kind()) {
            case SOFTMAX_CROSS_ENTROPY -> {
                if (c.targets() == Targets.CONFIDENT) yield confident(c.shape(), d);
                double[] z = d.uniform(c.shape().size(), -6, 6);
                int f = c.shape().dim(1);
                for (int i = 0; i < f; i++) z[i] = (float) (z[i] + 100);
                yield z;
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> d.uniform(c.shape().size(), -30, 30);
            default -> d.uniform(c.shape().size(), -2, 2);
        };
    }

    /** Logits in [-2, 2], each row with one entry raised by a margin from 4 (row 0) to 18 (last row). */
    private static double[] confident(Shape shape, Data d) {
        int n = shape.dim(0), f = shape.dim(1);
        double[] z = d.uniform(shape.size(), -2, 2);
        for (int r = 0; r < n; r++) {
            int j = r * f + d.nextInt(f);
            z[j] = (float) (z[j] + 4 + 14.0 * r / Math.max(1, n - 1));
        }
        return z;
    }

    private static double[] targets(Case c, double[] outputs, Data d) {
        int n = c.shape().dim(0), f = c.shape().dim(1);
        return switch (c.targets()) {
            case ONE_HOT -> d.oneHot(n, f);
            case CONFIDENT -> {
                double[] t = new double[n * f];
                for (int r = 0; r < n; r++) {
                    int best = 0;
                    for (int i = 1; i < f; i++) if (outputs[r * f + i] > outputs[r * f + best]) best = i;
                    t[r * f + best] = 1;
                }
                yield t;
            }
            case SOFT -> d.softLabels(n, f);
            case UNNORMALIZED -> d.uniform((long) n * f, 0, 1);   // rows do not sum to 1: the gradient's sum_i t_i shows
            case UNIFORM -> c.kind() == LossKind.SIGMOID_BINARY_CROSS_ENTROPY ? d.uniform(n * f, 0, 1) : d.uniform(n * f, -2, 2);
            case BINARY -> d.integers((long) n * f, 2);
            case SOME_EQUAL -> {
                double[] t = d.uniform(n * f, -2, 2);
                for (int i = 0; i < t.length; i += 3) t[i] = outputs[i];
                yield t;
            }
        };
    }

    /** The case's outputs and targets, in that order (seeded by the case, so every run sees the same data). */
    static double[][] data(Case c) {
        Data d = new Data(Cases.seed("loss " + c.kind() + c.shape() + c.targets()));
        double[] o = outputs(c, d);
        return new double[][] {o, targets(c, o, d)};
    }

    private static void run(Scope s, Case c) {
        double[][] data = data(c);
        double[] o = data[0], t = data[1];
        Twin output = s.upload(c.shape(), o);
        Twin target = s.upload(c.shape(), t);
        Twin grad = c.withGrad() ? s.garbage(c.shape()) : null;
        double testLoss = s.pair().test.loss().forwardBackward(c.kind(), output.test(), target.test(), grad == null ? null : grad.test());
        double refLoss = s.pair().ref.loss().forwardBackward(c.kind(), output.ref(), target.ref(), grad == null ? null : grad.ref());
        s.check(c.kind() + " loss value", refLoss, testLoss, valueTolerance(c, o, t));
        if (grad != null) s.check(c.kind() + " gradient", grad, c.targets() == Targets.CONFIDENT ? confidentGradTolerance(o, c) : gradTolerance(c));
    }

    /**
     * The loss is a mean of {@code count} per-element terms: a sum whose terms have magnitude at
     * most {@code termMax / count} (plus the exp/log roundings for the fused losses).
     */
    private static Tolerance valueTolerance(Case c, double[] o, double[] t) {
        int n = c.shape().dim(0);
        long size = c.shape().size();
        double maxDiff = 0;
        for (int i = 0; i < o.length; i++) maxDiff = Math.max(maxDiff, Math.abs(o[i] - t[i]));
        return switch (c.kind()) {
            // per sample: logsumexp(z) - sum t z, terms up to |z| (|t| <= 1); mean over N
            case SOFTMAX_CROSS_ENTROPY -> Tolerance.f32Sum(size, (maxAbs(o) + 1) / n).plus(Tolerance.f32Transcendental());
            // max(z, 0) - z t + log(1 + exp(-|z|)): up to 2|z| + 1; mean over N F
            case SIGMOID_BINARY_CROSS_ENTROPY -> Tolerance.f32Sum(size, (2 * maxAbs(o) + 1) / size).plus(Tolerance.f32Transcendental());
            case MEAN_SQUARED_ERROR -> Tolerance.f32Sum(size, maxDiff * maxDiff / size);
            case MEAN_ABSOLUTE_ERROR -> Tolerance.f32Sum(size, maxDiff / size);
        };
    }

    /**
     * Relative accuracy for every element, however small: a float implementation evaluates
     * p_i = exp((z_i - max) - log(sum)) with an argument off by at most U (|z_i - max| + log(sum)),
     * which is that much relative error in p_i, plus a few ulp of exp; 1 - p at the leader is
     * then a sum of such p_i. Computing p * sum t - t directly in float for p near 1 leaves only
     * U / (1 - p) relative accuracy (5% at 1 - p = 1e-6), which this rejects.
     */
    private static Tolerance confidentGradTolerance(double[] o, Case c) {
        int f = c.shape().dim(1);
        double spread = 0;
        for (int r = 0; r < c.shape().dim(0); r++) {
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (int i = r * f; i < (r + 1) * f; i++) {
                lo = Math.min(lo, o[i]);
                hi = Math.max(hi, o[i]);
            }
            spread = Math.max(spread, hi - lo);
        }
        return new Tolerance(0, Tolerance.U * (64 + 2 * (spread + Math.log(f))));
    }

    /** Gradients are pointwise, divided by N (cross-entropy) or N F; softmax also sums each row. */
    private static Tolerance gradTolerance(Case c) {
        int n = c.shape().dim(0), f = c.shape().dim(1);
        return switch (c.kind()) {
            case SOFTMAX_CROSS_ENTROPY -> Tolerance.f32Transcendental().plus(Tolerance.f32Sum(f, 1)).forValuesScaledBy(1.0 / n);
            case SIGMOID_BINARY_CROSS_ENTROPY -> Tolerance.f32Transcendental().forValuesScaledBy(1.0 / (n * f));
            case MEAN_SQUARED_ERROR -> Tolerance.f32Elementwise().forValuesScaledBy(4.0 / (n * f));
            case MEAN_ABSOLUTE_ERROR -> Tolerance.f32Elementwise().forValuesScaledBy(1.0 / (n * f));
        };
    }
}
