package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * One gradient check: a small model (usually a single layer), a batch, a mode, and the scalar
 * objective whose gradients are compared: {@code sum(y * r)} for a random r of the output's shape,
 * or, when {@link #loss} is set, that loss against random targets.
 *
 * @param name         the dynamic test's name
 * @param spec         the model
 * @param batch        N
 * @param training     the forward context's mode (batch statistics, active dropout)
 * @param logits       whether forward leaves out a final softmax/sigmoid (for the fused losses)
 * @param loss         the loss, or null for {@code sum(y * r)}
 * @param awayFromZero draw inputs at least 0.05 away from 0 (for activations with a kink at 0)
 * @param seed         seeds the data and the parameters
 */
public record LayerGradientCheckCase(String name, ModelSpec spec, int batch, boolean training, boolean logits,
                                     LossKind loss, boolean awayFromZero, long seed) {
    /** A training-mode check of {@code sum(y * r)} with batch 2. */
    public static LayerGradientCheckCase of(String name, Shape input, LayerSpec... layers) {
        return new LayerGradientCheckCase(name, ModelSpec.of(name, input, List.of(layers)), 2, true, false, null, false,
                name.hashCode());
    }

    public LayerGradientCheckCase batch(int n) { return new LayerGradientCheckCase(name, spec, n, training, logits, loss, awayFromZero, seed); }

    public LayerGradientCheckCase inference() { return new LayerGradientCheckCase(name, spec, batch, false, logits, loss, awayFromZero, seed); }

    /** Uses a loss; for the fused cross-entropies also forwards to logits. */
    public LayerGradientCheckCase loss(LossKind kind) {
        boolean fused = kind == LossKind.SOFTMAX_CROSS_ENTROPY || kind == LossKind.SIGMOID_BINARY_CROSS_ENTROPY;
        return new LayerGradientCheckCase(name, spec, batch, training, fused, kind, awayFromZero, seed);
    }

    public LayerGradientCheckCase withInputsAwayFromZero() { return new LayerGradientCheckCase(name, spec, batch, training, logits, loss, true, seed); }

    @Override public String toString() { return name; }
}
