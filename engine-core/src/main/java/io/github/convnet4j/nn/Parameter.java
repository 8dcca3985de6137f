package io.github.convnet4j.nn;

import io.github.convnet4j.tensor.Tensor;

/**
 * A named tensor a layer owns: a trainable weight with its gradient, or a non-trainable state such
 * as batch-norm running statistics (grad null, never touched by optimizers but saved in model files).
 *
 * @param name        unique within the model, {@code <layer>/<param>}, e.g. {@code conv2d_1/kernel}
 * @param value       the values, on the model's backend
 * @param grad        same shape as value, overwritten by each backward pass; null when not trainable
 * @param regularizer penalty applied by the optimizer step (never null; {@link Regularizer#NONE})
 */
public record Parameter(String name, Tensor value, Tensor grad, Regularizer regularizer) {
    /** Whether optimizers update it (has a gradient and its layer is not frozen). */
    public boolean trainable() { return grad != null; }
}
