package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * In-place parameter updates, one parameter tensor per call. {@code w}, {@code g} and the state
 * tensors have the same shape; g is read only. Formulas follow Keras.
 */
public interface OptimizerOps {
    /**
     * SGD. Without momentum: {@code w -= lr g} (velocity may be null). With momentum m:
     * {@code v = m v - lr g}; {@code w += v}, or with Nesterov {@code w += m v - lr g}.
     */
    void sgd(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov);

    /**
     * Adam at step {@code t >= 1}: {@code m += (1-b1)(g - m)}; {@code v += (1-b2)(g^2 - v)};
     * {@code w -= lr sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)}.
     */
    void adam(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double epsilon, long t);

    /** RMSprop: {@code s = rho s + (1-rho) g^2}; {@code w -= lr g / (sqrt(s) + eps)}. */
    void rmsprop(Tensor w, Tensor g, Tensor meanSquare, double lr, double rho, double epsilon);
}
