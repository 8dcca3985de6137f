package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.LossOps;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each hazard the loss cases were built for is caught: the loss family runs against a backend whose
 * loss is a plausible float32 implementation with one classic mistake, and the cases made for that
 * mistake must fail while the others pass. {@link ConformanceTeethTest} shows that a wrong value
 * fails a case; this shows that the case data holds the trap (logits near 100, confidently right
 * rows, targets that do not sum to 1, outputs equal to their targets) and that the gradient is
 * checked at all.
 *
 * <p>The mistaken losses compute on the host in float arithmetic; everything else (upload, the
 * reference) is the CPU backend. The control: the same host code with no mistake passes every case.
 */
class LossHazardsTest {
    /** Which mistake the test backend's loss makes. */
    enum Mistake {
        NONE,
        /** softmax cross-entropy with exp(z) unshifted: overflows float32 above 88. */
        NO_MAX_SUBTRACTED,
        /** the gradient p * sum(t) - t evaluated directly: near p = 1 only U / (1 - p) relative accuracy is left. */
        GRADIENT_BY_SUBTRACTION,
        /** the gradient with sum(t) taken as 1 (p - t), right only when every target row sums to 1. */
        TARGETS_ASSUMED_NORMALIZED,
        /** mean absolute error with sign(0) = 1. */
        SIGN_OF_ZERO_IS_ONE,
        /** computes the value and leaves the gradient as it found it. */
        NO_GRADIENT
    }

    @Test
    void theSameHostCodeWithoutAMistakePassesEveryLossCase() {
        assertEquals(List.of(), failures(Mistake.NONE));
    }

    @Test
    void logitsNear100CatchAnUnshiftedExponential() {
        List<String> failed = failures(Mistake.NO_MAX_SUBTRACTED);
        List<String> expected = new ArrayList<>();
        for (LossConformance.Case c : LossConformance.cases()) {
            if (c.kind() == LossKind.SOFTMAX_CROSS_ENTROPY && c.targets() != LossConformance.Targets.CONFIDENT) expected.add(c.name());
        }
        assertEquals(expected, failed);
    }

    @Test
    void confidentlyRightRowsCatchAGradientBySubtraction() {
        assertEquals(List.of(name(LossKind.SOFTMAX_CROSS_ENTROPY, LossConformance.Targets.CONFIDENT, true)),
                failures(Mistake.GRADIENT_BY_SUBTRACTION));
    }

    @Test
    void unnormalizedTargetsCatchAGradientThatAssumesRowsSumToOne() {
        assertEquals(List.of(name(LossKind.SOFTMAX_CROSS_ENTROPY, LossConformance.Targets.UNNORMALIZED, true)),
                failures(Mistake.TARGETS_ASSUMED_NORMALIZED));
    }

    @Test
    void outputsEqualToTheirTargetsCatchSignOfZero() {
        assertEquals(List.of(name(LossKind.MEAN_ABSOLUTE_ERROR, LossConformance.Targets.SOME_EQUAL, true)),
                failures(Mistake.SIGN_OF_ZERO_IS_ONE));
    }

    @Test
    void everyCaseWithAGradientChecksIt() {
        List<String> expected = LossConformance.cases().stream().filter(LossConformance.Case::withGrad).map(LossConformance.Case::name).toList();
        assertEquals(expected, failures(Mistake.NO_GRADIENT));
    }

    private static String name(LossKind kind, LossConformance.Targets targets, boolean withGrad) {
        List<String> names = LossConformance.cases().stream()
                .filter(c -> c.kind() == kind && c.targets() == targets && c.withGrad() == withGrad).map(LossConformance.Case::name).toList();
        assertEquals(1, names.size(), names.toString());
        return names.get(0);
    }

    /** The names of the loss cases that fail with {@code mistake}, in the kit's order (the loss cases have no group name). */
    private static List<String> failures(Mistake mistake) {
        List<ConformanceRun.CaseResult> results = MistakeRuns.run("loss", cpu -> (op, family, args) ->
                family instanceof LossOps && op.getName().equals("forwardBackward")
                        ? host(cpu, mistake, (LossKind) args[0], (Tensor) args[1], (Tensor) args[2], (Tensor) args[3])
                        : op.invoke(family, args));
        assertEquals(LossConformance.cases().stream().map(LossConformance.Case::name).toList(),
                results.stream().map(ConformanceRun.CaseResult::name).toList());
        return MistakeRuns.failed(results);
    }

    /** The loss in float arithmetic on the host, with {@code mistake}. */
    private static double host(Backend cpu, Mistake mistake, LossKind kind, Tensor output, Tensor target, Tensor grad) {
        int n = Math.toIntExact(output.dim(0)), f = Math.toIntExact(output.size() / n);
        float[] z = download(cpu, output), t = download(cpu, target), g = new float[z.length];
        float loss = switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> softmaxCrossEntropy(mistake, z, t, g, n, f);
            case SIGMOID_BINARY_CROSS_ENTROPY -> binaryCrossEntropy(z, t, g);
            case MEAN_SQUARED_ERROR -> meanSquaredError(z, t, g);
            case MEAN_ABSOLUTE_ERROR -> meanAbsoluteError(mistake, z, t, g);
        };
        if (grad != null && mistake != Mistake.NO_GRADIENT) {
            double[] d = new double[g.length];
            for (int i = 0; i < g.length; i++) d[i] = g[i];
            cpu.upload(d, 0, grad);
        }
        return loss;
    }

    private static float softmaxCrossEntropy(Mistake mistake, float[] z, float[] t, float[] g, int n, int f) {
        float total = 0;
        for (int r = 0; r < n; r++) {
            int o = r * f;
            float max = Float.NEGATIVE_INFINITY, tSum = 0, tz = 0;
            for (int i = 0; i < f; i++) max = Math.max(max, z[o + i]);
            float shift = mistake == Mistake.NO_MAX_SUBTRACTED ? 0 : max;
            float sum = 0;
            for (int i = 0; i < f; i++) sum += (float) Math.exp(z[o + i] - shift);
            float logSum = (float) Math.log(sum);
            for (int i = 0; i < f; i++) {
                tSum += t[o + i];
                tz += t[o + i] * (z[o + i] - shift);
            }
            total += logSum * tSum - tz;
            for (int i = 0; i < f; i++) {
                float p = (float) Math.exp(z[o + i] - shift - logSum);
                float d;
                // p sum(t) - t, written as p (sum(t) - t) - t (1 - p) with 1 - p summed from the other p_j
                float rowSum = mistake == Mistake.TARGETS_ASSUMED_NORMALIZED ? 1 : tSum;
                if (mistake == Mistake.GRADIENT_BY_SUBTRACTION || t[o + i] == 0) d = p * rowSum - t[o + i];
                else d = p * (rowSum - t[o + i]) - t[o + i] * others(z, o, f, i, shift, logSum);
                g[o + i] = d / n;
            }
        }
        return total / n;
    }

    /** The sum of the other p_j of the row: 1 - p_i without the cancellation of subtracting p_i from 1. */
    private static float others(float[] z, int o, int f, int i, float shift, float logSum) {
        float others = 0;
        for (int j = 0; j < f; j++) if (j != i) others += (float) Math.exp(z[o + j] - shift - logSum);
        return others;
    }

    private static float binaryCrossEntropy(float[] z, float[] t, float[] g) {
        float total = 0;
        for (int i = 0; i < z.length; i++) {
            total += Math.max(z[i], 0) - z[i] * t[i] + (float) Math.log1p(Math.exp(-Math.abs(z[i])));
            float p = z[i] >= 0 ? 1 / (1 + (float) Math.exp(-z[i])) : (float) Math.exp(z[i]) / (1 + (float) Math.exp(z[i]));
            g[i] = (p - t[i]) / z.length;
        }
        return total / z.length;
    }

    private static float meanSquaredError(float[] z, float[] t, float[] g) {
        float total = 0;
        for (int i = 0; i < z.length; i++) {
            float d = z[i] - t[i];
            total += d * d;
            g[i] = 2 * d / z.length;
        }
        return total / z.length;
    }

    private static float meanAbsoluteError(Mistake mistake, float[] z, float[] t, float[] g) {
        float total = 0;
        for (int i = 0; i < z.length; i++) {
            float d = z[i] - t[i];
            total += Math.abs(d);
            float sign = mistake == Mistake.SIGN_OF_ZERO_IS_ONE ? (d >= 0 ? 1 : -1) : Math.signum(d);
            g[i] = sign / z.length;
        }
        return total / z.length;
    }

    private static float[] download(Backend cpu, Tensor t) {
        double[] d = new double[Math.toIntExact(t.size())];
        cpu.download(t, d, 0);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return out;
    }
}
