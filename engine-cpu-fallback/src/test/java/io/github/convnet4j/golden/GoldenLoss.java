package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Tensor;

/**
 * Losses against {@code F.cross_entropy} (one-hot and soft probability targets),
 * {@code F.binary_cross_entropy_with_logits}, {@code F.mse_loss} and {@code F.l1_loss}, all with
 * reduction mean: the value and d loss / d output. The value is a mean of per-element terms
 * bounded by {@code |output| + |target|} scaled appropriately; gradients are pointwise.
 */
final class GoldenLoss {
    private GoldenLoss() {}

    static void check(GoldenScope s, Case c) {
        LossKind kind = LossKind.valueOf(c.param("kind").textValue());
        GoldenTensor go = c.tensor("output"), gt = c.tensor("target");
        int n = go.shape().dim(0), f = go.shape().dim(1);
        long size = go.shape().size();
        Tensor output = s.input("output", go);
        Tensor target = s.input("target", gt);
        Tensor grad = s.output(go.shape());
        double loss = s.backend().loss().forwardBackward(kind, output, target, grad);

        double maxO = 0, maxDiff = 0;
        for (int i = 0; i < size; i++) {
            maxO = Math.max(maxO, Math.abs(go.data()[i]));
            maxDiff = Math.max(maxDiff, Math.abs(go.data()[i] - gt.data()[i]));
        }
        Tolerance value = switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> Tolerance.f32Sum(size, (maxO + 1) / n).plus(Tolerance.f32Transcendental());
            case SIGMOID_BINARY_CROSS_ENTROPY -> Tolerance.f32Sum(size, (2 * maxO + 1) / size).plus(Tolerance.f32Transcendental());
            case MEAN_SQUARED_ERROR -> Tolerance.f32Sum(size, maxDiff * maxDiff / size);
            case MEAN_ABSOLUTE_ERROR -> Tolerance.f32Sum(size, maxDiff / size);
        };
        Tolerance gradient = switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> Tolerance.f32Transcendental().plus(Tolerance.f32Sum(f, 1)).forValuesScaledBy(1.0 / n);
            case SIGMOID_BINARY_CROSS_ENTROPY -> Tolerance.f32Transcendental().forValuesScaledBy(1.0 / size);
            case MEAN_SQUARED_ERROR -> Tolerance.f32Elementwise().forValuesScaledBy(4.0 / size);
            case MEAN_ABSOLUTE_ERROR -> Tolerance.f32Elementwise().forValuesScaledBy(1.0 / size);
        };
        s.check(kind + " loss", loss, c.tensor("loss"), value);

        // Without a gradient tensor the value must be the same.
        double valueOnly = s.backend().loss().forwardBackward(kind, output, target, null);
        s.check(kind + " loss (no grad)", valueOnly, c.tensor("loss"), value);
        s.check(kind + " grad", grad, c.tensor("grad"), gradient);
    }
}
