package io.github.convnet4j.optim;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;

/**
 * Applies a {@link GradientClipping} to gradients in place. Norms come from
 * {@code ReductionOps.sumOfSquares} and scaling from {@code ElementwiseOps.scale}, so those stay on
 * the device. Clamping by value has no SPI op; composing one from relu/axpy is not exact (small
 * gradients next to a large bound round to zero), so it is done on the host: one download and one
 * upload per gradient, only when clipvalue is set. A device op {@code ElementwiseOps.clip(t, lo, hi)}
 * would remove the round trip.
 */
final class GradientClipper {
    private final GradientClipping clipping;
    private float[] floats = new float[0];
    private double[] doubles = new double[0];

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
            for (Parameter p : trainable) clampOnHost(p.grad(), clipping.clipValue());
        }
    }

    private void clampOnHost(Tensor g, double bound) {
        Backend b = g.backend();
        int n = Math.toIntExact(g.size());
        if (g.dtype() == DType.F64) {
            if (doubles.length < n) doubles = new double[n];
            b.download(g, doubles, 0);
            for (int i = 0; i < n; i++) doubles[i] = Math.max(-bound, Math.min(bound, doubles[i]));
            b.upload(doubles, 0, g);
        } else {
            if (floats.length < n) floats = new float[n];
            b.download(g, floats, 0);
            float hi = (float) bound, lo = -hi;
            for (int i = 0; i < n; i++) floats[i] = Math.max(lo, Math.min(hi, floats[i]));
            b.upload(floats, 0, g);
        }
    }

    private static Backend backend(Parameter p) { return p.grad().backend(); }
}
