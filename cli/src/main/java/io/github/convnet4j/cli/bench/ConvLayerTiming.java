package io.github.convnet4j.cli.bench;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * One convolution layer's three passes timed on its own shapes with the backend's {@link ConvOps}:
 * forward, backward-data and backward-filter. Each pass does {@code 2·N·K·C·R·S·P·Q} floating-point
 * operations (a multiply and an add per filter tap per output), so GFLOP/s are comparable across
 * passes and with other frameworks' figures.
 *
 * @param name            the layer (its kernel parameter's name without {@code /kernel})
 * @param call            the shapes and geometry recorded from a training step
 * @param forwardSeconds  median seconds of {@code forward}
 * @param dataSeconds     median seconds of {@code backwardData}
 * @param filterSeconds   median seconds of {@code backwardFilter} (bias gradient included)
 */
public record ConvLayerTiming(String name, ConvRecordingBackend.ConvCall call, double forwardSeconds, double dataSeconds, double filterSeconds) {
    /** {@code 2·N·K·C·R·S·P·Q}: the floating-point operations of one pass. */
    public static double flopsPerPass(Shape input, Shape filter, Shape output) {
        return 2.0 * input.dim(0) * filter.dim(0) * filter.dim(1) * filter.dim(2) * filter.dim(3) * output.dim(2) * output.dim(3);
    }

    /** Floating-point operations of one pass of this layer. */
    public double flopsPerPass() { return flopsPerPass(call.input(), call.filter(), call.output()); }

    public double forwardGflops() { return flopsPerPass() / forwardSeconds / 1e9; }
    public double dataGflops() { return flopsPerPass() / dataSeconds / 1e9; }
    public double filterGflops() { return flopsPerPass() / filterSeconds / 1e9; }

    /** Seconds of all three passes. */
    public double totalSeconds() { return forwardSeconds + dataSeconds + filterSeconds; }

    /** GFLOP/s over the three passes together: {@code 3·flops / total seconds}. */
    public double totalGflops() { return 3 * flopsPerPass() / totalSeconds() / 1e9; }

    /**
     * Allocates tensors of the call's shapes on {@code backend}, fills inputs with seeded values in
     * [-1, 1), times the three passes and frees everything.
     */
    public static ConvLayerTiming measure(String name, ConvRecordingBackend.ConvCall call, Backend backend, OpTimer timer) {
        ConvOps ops = backend.conv();
        Shape biasShape = Shape.of(call.filter().dim(0));
        try (Tensor x = random(backend, call, call.input(), 1);
             Tensor w = random(backend, call, call.filter(), 2);
             Tensor bias = call.bias() ? random(backend, call, biasShape, 3) : null;
             Tensor y = backend.allocate(call.output(), call.dtype());
             Tensor dy = random(backend, call, call.output(), 4);
             Tensor dx = backend.allocate(call.input(), call.dtype());
             Tensor dw = backend.allocate(call.filter(), call.dtype());
             Tensor dbias = call.bias() ? backend.allocate(biasShape, call.dtype()) : null) {
            double f = timer.medianSeconds(backend, () -> ops.forward(call.params(), x, w, bias, y));
            double d = timer.medianSeconds(backend, () -> ops.backwardData(call.params(), dy, w, dx));
            double g = timer.medianSeconds(backend, () -> ops.backwardFilter(call.params(), x, dy, dw, dbias));
            return new ConvLayerTiming(name, call, f, d, g);
        }
    }

    private static Tensor random(Backend backend, ConvRecordingBackend.ConvCall call, Shape shape, long seed) {
        Tensor t = backend.allocate(shape, call.dtype());
        SplittableRandom r = new SplittableRandom(seed);
        int n = Math.toIntExact(shape.size());
        switch (call.dtype()) {
            case F32 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
                backend.upload(v, 0, t);
            }
            case F64 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = r.nextDouble() * 2 - 1;
                backend.upload(v, 0, t);
            }
        }
        return t;
    }
}
