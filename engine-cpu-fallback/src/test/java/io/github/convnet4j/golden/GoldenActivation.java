package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.tensor.Tensor;

/**
 * Every activation against {@code F.relu}, {@code F.leaky_relu(0.1)}, {@code F.elu(1.0)},
 * {@code torch.sigmoid}, {@code torch.tanh}, {@code F.silu} and {@code F.softmax(dim=1)} (with a
 * row of logits near 60), forward and backward.
 */
final class GoldenActivation {
    private GoldenActivation() {}

    static void check(GoldenScope s, Case c) {
        Activation a = new Activation(Activation.Kind.valueOf(c.param("kind").textValue()), c.param("alpha").doubleValue());
        Tensor x = s.input("x", c.tensor("x"));
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(x.shape());
        Tensor dx = s.output(x.shape());
        Tolerance tol = a.kind() == Activation.Kind.SOFTMAX
                ? Tolerance.f32Transcendental().plus(Tolerance.f32Sum(x.shape().sampleSize(), 1))
                : Tolerance.f32Transcendental();
        s.backend().activation().forward(a, x, y);
        s.check(a.keyword() + " y", y, c.tensor("y"), tol);
        s.backend().activation().backward(a, x, y, dy, dx);
        s.check(a.keyword() + " dx", dx, c.tensor("dx"), tol);
    }
}
