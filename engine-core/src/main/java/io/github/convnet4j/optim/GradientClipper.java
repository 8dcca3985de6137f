package io.github.convnet4j.optim;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.nn.Parameter;
import java.util.List;

/**
 * Applies a {@link GradientClipping} to gradients in place, on the device: norms come from
 * {@code ReductionOps.sumOfSquares}, scaling from {@code ElementwiseOps.scale} and clamping by value
 * from {@code ElementwiseOps.clip}.
 */
final class GradientClipper {
    private final GradientClipping clipping;

    GradientClipper(GradientClipping clipping) { this.clipping = clipping; }

    /** Clips the gradients of {@code trainable} (all have non-null grads). */
    void apply(List<Parameter> trainable) {
        if (clipping.clipNorm() > 0) {
            for (Parameter p : trainable) {
                double norm = Math.sqrt(backend(p).reduction().sumOfSquares(p.grad()));
                // Keras scales by clip / max(norm, clip); below the bound that factor is exactly 1, so skip it.
                if (norm > clipping.clipNorm()) backend(p).elementwise().scale(p.grad(), clipping.clipNorm() / norm);
            }
        }
        if (clipping.globalClipNorm() > 0) {
            double sum = 0;
            for (Parameter p : trainable) sum += backend(p).reduction().sumOfSquares(p.grad());
            double norm = Math.sqrt(sum);
            if (norm > clipping.globalClipNorm()) {
                double factor = clipping.globalClipNorm() / norm;
                for (Parameter p : trainable) backend(p).elementwise().scale(p.grad(), factor);
            }
        }
        if (clipping.clipValue() > 0) {
            for (Parameter p : trainable) backend(p).elementwise().clip(p.grad(), -clipping.clipValue(), clipping.clipValue());
        }
    }

    private static Backend backend(Parameter p) { return p.grad().backend(); }
}
