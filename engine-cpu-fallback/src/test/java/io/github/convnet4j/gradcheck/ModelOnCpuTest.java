package io.github.convnet4j.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Model API on the CPU backend: determinism, buffer reuse, logits, freezing, and a short training run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelOnCpuTest {
    private Backend cpu;

    @BeforeAll void open() { cpu = BackendPair.cpuProvider().open(""); }

    @AfterAll void close() { if (cpu != null) cpu.close(); }

    /** keras-mnist's structure, scaled down to 12×12 inputs so the test stays fast. */
    private static ModelSpec smallMnistNet() {
        return ModelSpec.of("small-mnist", Shape.of(1, 12, 12), List.of(
                LayerSpec.of("Conv2D", "filters", 8, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Conv2D", "filters", 16, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 16, "activation", "relu"),
                LayerSpec.of("Dense", "units", 4, "activation", "softmax")));
    }

    private Tensor upload(float[] data, Shape shape) {
        Tensor t = cpu.allocate(shape, DType.F32);
        cpu.upload(data, 0, t);
        return t;
    }

    private float[] download(Tensor t) {
        float[] d = new float[Math.toIntExact(t.size())];
        cpu.download(t, d, 0);
        return d;
    }

    private static float[] random(long n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[Math.toIntExact(n)];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextDouble(-1, 1);
        return d;
    }

    @Test
    void sameSeedGivesSameWeightsAndOtherSeedOtherWeights() {
        try (Model a = Model.of(smallMnistNet()); Model b = Model.of(smallMnistNet()); Model c = Model.of(smallMnistNet())) {
            a.build(cpu, DType.F32, 7);
            b.build(cpu, DType.F32, 7);
            c.build(cpu, DType.F32, 8);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < a.parameters().size(); i++) {
                Parameter pa = a.parameters().get(i);
                names.add(pa.name());
                assertArrayEquals(download(pa.value()), download(b.parameters().get(i).value()), pa.name());
            }
            assertEquals(List.of("conv2d_1/kernel", "conv2d_1/bias", "conv2d_2/kernel", "conv2d_2/bias",
                    "dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias"), names);
            assertFalse(java.util.Arrays.equals(download(a.parameters().get(0).value()), download(c.parameters().get(0).value())));
            // glorot_uniform for conv2d_1: limit sqrt(6 / (1*9 + 8*9))
            double limit = Math.sqrt(6.0 / (9 + 72));
            for (float w : download(a.parameters().get(0).value())) assertTrue(Math.abs(w) <= limit);
            for (float w : download(a.parameters().get(1).value())) assertEquals(0f, w);
        }
    }

    @Test
    void smallerBatchGivesTheSameRowsAndLogitsSkipOnlyTheSoftmax() {
        try (Model m = Model.of(smallMnistNet())) {
            m.build(cpu, DType.F32, 1);
            float[] x = random(8 * 144, 3);
            try (Tensor x8 = upload(x, Shape.of(8, 1, 12, 12)); Tensor x3 = upload(java.util.Arrays.copyOf(x, 3 * 144), Shape.of(3, 1, 12, 12))) {
                float[] probs8 = download(m.forward(x8, ForwardContext.INFERENCE, false));
                float[] logits3 = download(m.forward(x3, ForwardContext.INFERENCE, true));
                float[] probs3 = download(m.forward(x3, ForwardContext.INFERENCE, false));
                assertEquals(Shape.of(3, 4), m.forward(x3, ForwardContext.INFERENCE, false).shape());
                assertArrayEquals(java.util.Arrays.copyOf(probs8, 12), probs3, 1e-6f);
                for (int n = 0; n < 3; n++) {
                    double max = Double.NEGATIVE_INFINITY, sum = 0, probSum = 0;
                    for (int k = 0; k < 4; k++) max = Math.max(max, logits3[n * 4 + k]);
                    for (int k = 0; k < 4; k++) sum += Math.exp(logits3[n * 4 + k] - max);
                    for (int k = 0; k < 4; k++) {
                        assertEquals(Math.exp(logits3[n * 4 + k] - max) / sum, probs3[n * 4 + k], 1e-6);
                        probSum += probs3[n * 4 + k];
                    }
                    assertEquals(1, probSum, 1e-5);
                }
                assertEquals(Shape.of(3, 16, 3, 3), m.forwardTo(2, x3).shape());
                assertThrows(IllegalStateException.class, () -> m.backward(x3, false));
                ShapeException e = assertThrows(ShapeException.class, () -> m.forward(x3.reshape(Shape.of(3, 1, 144)), ForwardContext.INFERENCE, false));
                assertEquals("model input must be (N, 1, 12, 12), got (3, 1, 144)", e.getMessage());
            }
        }
    }

    @Test
    void frozenLayersGetNoGradientButPassOneThrough() {
        ModelSpec spec = smallMnistNet();
        spec = spec.withLayer(0, spec.layers().get(0).with("trainable", false));
        try (Model m = Model.of(spec); Tensor x = upload(random(2 * 144, 5), Shape.of(2, 1, 12, 12))) {
            m.build(cpu, DType.F32, 2);
            assertEquals(m.parameterCount() - 80, m.trainableParameterCount());
            for (Parameter p : m.parameters()) assertEquals(!p.name().startsWith("conv2d_1/"), p.trainable(), p.name());
            Tensor y = m.forward(x, new ForwardContext(true, 1), true);
            try (Tensor dy = upload(random(8, 6), y.shape())) {
                assertNull(m.backward(dy, false));
                Tensor dx = m.backward(dy, true);
                assertNotNull(dx);
                assertEquals(x.shape(), dx.shape());
            }
        }
    }

    @Test
    void twentyPlainSgdStepsReduceTheLossOnAFewSamples() {
        int n = 8;
        try (Model m = Model.of(smallMnistNet());
             Tensor x = upload(random(n * 144, 11), Shape.of(n, 1, 12, 12));
             Tensor target = cpu.allocate(Shape.of(n, 4), DType.F32);
             Tensor grad = cpu.allocate(Shape.of(n, 4), DType.F32)) {
            m.build(cpu, DType.F32, 3);
            float[] oneHot = new float[n * 4];
            for (int i = 0; i < n; i++) oneHot[i * 4 + i % 4] = 1;
            cpu.upload(oneHot, 0, target);
            double first = Double.NaN, last = Double.NaN;
            for (int step = 0; step < 20; step++) {
                Tensor logits = m.forward(x, new ForwardContext(true, step), true);
                assertEquals(Shape.of(n, 4), logits.shape());
                last = cpu.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY, logits, target, grad);
                if (step == 0) first = last;
                assertTrue(Double.isFinite(last), "loss at step " + step);
                m.backward(grad, false);
                for (Parameter p : m.parameters()) if (p.trainable()) cpu.elementwise().axpy(-0.1, p.grad(), p.value());
            }
            // Uniform guessing over 4 classes costs ln 4 = 1.386; 20 steps on 8 samples must clearly improve on the start.
            assertTrue(first > 1.2 && first < 1.6, "initial loss " + first);
            assertTrue(last < 0.7 * first, "loss went from " + first + " to " + last);
        }
    }
}
