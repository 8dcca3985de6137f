package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ActivationOps;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each hazard the activation cases were built for is caught, as {@link LossHazardsTest} does for the
 * losses: the activation family runs against the CPU backend with one op replaced by a plausible
 * mistake, and exactly the cases made for it fail. The forward check matters on its own: ReLU's
 * backward pass reads x, not y, so a wrong y would otherwise go unnoticed.
 */
class ActivationHazardsTest {
    enum Mistake {
        /** softmax forward in float on the host, max subtracted: the control for the next one. */
        HOST_SOFTMAX,
        /** softmax forward with exp(x) unshifted: overflows float32 above 88. */
        SOFTMAX_NO_MAX_SUBTRACTED,
        /** ReLU's forward pass writes nothing into y. */
        RELU_FORWARD_WRITES_NOTHING,
        /** the forward pass clears y before reading x: right out of place, wrong when y is x. */
        FORWARD_NOT_IN_PLACE_SAFE,
        /** the backward pass clears dx before reading dy: right out of place, wrong when dx is dy. */
        BACKWARD_NOT_IN_PLACE_SAFE
    }

    @Test
    void aHostSoftmaxWithTheMaxSubtractedPassesEveryCase() {
        assertEquals(List.of(), failures(Mistake.HOST_SOFTMAX));
    }

    @Test
    void logitsNear100CatchAnUnshiftedSoftmax() {
        assertEquals(names(n -> n.startsWith("softmax")), failures(Mistake.SOFTMAX_NO_MAX_SUBTRACTED));
    }

    @Test
    void theForwardOutputIsCheckedEvenWhereTheBackwardPassDoesNotReadIt() {
        assertEquals(names(n -> n.startsWith("relu")), failures(Mistake.RELU_FORWARD_WRITES_NOTHING));
    }

    @Test
    void inPlaceCasesCatchAForwardPassThatIsNotInPlaceSafe() {
        // Softmax of rows of one element is 1 whatever x holds, so clearing x first changes nothing there.
        assertEquals(names(n -> n.contains(" / in place ") && !n.equals("softmax(alpha 0.0) / in place (5, 1)")),
                failures(Mistake.FORWARD_NOT_IN_PLACE_SAFE));
    }

    @Test
    void inPlaceCasesCatchABackwardPassThatIsNotInPlaceSafe() {
        // Softmax's dx over rows of one element is 0 whatever dy holds.
        assertEquals(names(n -> n.contains(" / in place ") && !n.equals("softmax(alpha 0.0) / in place (5, 1)")),
                failures(Mistake.BACKWARD_NOT_IN_PLACE_SAFE));
    }

    /** The full names of the activation cases that {@code which} accepts. */
    private static List<String> names(java.util.function.Predicate<String> which) {
        List<String> all = MistakeRuns.run("activation", cpu -> (op, family, args) -> op.invoke(family, args)).stream()
                .map(ConformanceRun.CaseResult::name).filter(which).toList();
        assertTrue(!all.isEmpty(), "no case matches");
        return all;
    }

    /** The full names of the activation cases that fail with {@code mistake}, in the kit's order. */
    private static List<String> failures(Mistake mistake) {
        return MistakeRuns.failed(MistakeRuns.run("activation", cpu -> (op, family, args) -> {
            if (family instanceof ActivationOps && op.getName().equals("forward")) {
                Activation a = (Activation) args[0];
                Tensor x = (Tensor) args[1], y = (Tensor) args[2];
                if (forward(cpu, mistake, a, x, y)) return null;
            }
            if (family instanceof ActivationOps && op.getName().equals("backward") && mistake == Mistake.BACKWARD_NOT_IN_PLACE_SAFE) {
                Tensor dx = (Tensor) args[4];
                cpu.upload(new double[Math.toIntExact(dx.size())], 0, dx);
            }
            return op.invoke(family, args);
        }));
    }

    /** Does the forward pass the mistaken way; false where the mistake does not apply (the CPU backend runs it). */
    private static boolean forward(Backend cpu, Mistake mistake, Activation a, Tensor x, Tensor y) {
        switch (mistake) {
            case HOST_SOFTMAX, SOFTMAX_NO_MAX_SUBTRACTED -> {
                if (a.kind() != Activation.Kind.SOFTMAX) return false;
                double[] v = new double[Math.toIntExact(x.size())];
                cpu.download(x, v, 0);
                int cols = x.shape().sampleSize();
                for (int r = 0; r < v.length / cols; r++) {
                    float max = Float.NEGATIVE_INFINITY, sum = 0;
                    for (int i = r * cols; i < (r + 1) * cols; i++) max = Math.max(max, (float) v[i]);
                    float shift = mistake == Mistake.HOST_SOFTMAX ? max : 0;
                    for (int i = r * cols; i < (r + 1) * cols; i++) sum += (float) Math.exp((float) v[i] - shift);
                    for (int i = r * cols; i < (r + 1) * cols; i++) v[i] = (float) Math.exp((float) v[i] - shift) / sum;
                }
                cpu.upload(v, 0, y);
                return true;
            }
            case RELU_FORWARD_WRITES_NOTHING -> {
                return a.kind() == Activation.Kind.RELU;
            }
            case BACKWARD_NOT_IN_PLACE_SAFE -> {
                return false;
            }
            case FORWARD_NOT_IN_PLACE_SAFE -> {
                cpu.upload(new double[Math.toIntExact(y.size())], 0, y);
                cpu.activation().forward(a, x, y);
                return true;
            }
        }
        return false;
    }
}
