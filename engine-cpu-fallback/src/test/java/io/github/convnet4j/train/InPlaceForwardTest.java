package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.model.LayerHook;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A ReLU or a sum writes its output over its input where only it reads that input and the
 * producer's backward does not (batch norm, a sum): the same bits as with a copy each, and a
 * ResNet block keeps four activations instead of seven. A model with a hook (explanations) makes
 * the copies, as it did before, which is the reference here.
 */
class InPlaceForwardTest {
    private static final int N = 4, C = 3, H = 6, W = 6;
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    /** Stem (conv, batch norm, ReLU), two identity residual blocks, a ReLU read twice, a classifier. */
    private static ModelSpec spec() {
        return ModelSpec.of("blocks", Shape.of(2, H, W), List.of(
                LayerSpec.of("Conv2D", "filters", C, "kernel_size", 3, "padding", "same", "use_bias", false),
                LayerSpec.of("BatchNormalization"),
                LayerSpec.of("ReLU"),
                LayerSpec.of("ResidualBlock", "name", "block1", "filters", C),
                LayerSpec.of("ResidualBlock", "name", "block2", "filters", C),
                LayerSpec.of("BatchNormalization", "name", "bn"),
                LayerSpec.of("ReLU", "name", "shared"),
                LayerSpec.of("ReLU", "name", "after_relu"),
                LayerSpec.of("Add", "name", "twice", "inputs", List.of("after_relu", "shared")),
                LayerSpec.of("GlobalAveragePooling2D"),
                LayerSpec.of("Dense", "units", 4, "activation", "softmax")));
    }

    private record Step(float[] output, List<float[]> gradients, long allocatedElements) {}

    /** One training forward and backward; elements allocated counted from build on. */
    private Step step(LayerHook hook) {
        CountingBackend counting = new CountingBackend(backend);
        try (Model m = Model.of(spec()); Tensor x = backend.allocate(Shape.of(N, 2, H, W), DType.F32);
             Tensor dOut = backend.allocate(Shape.of(N, 4), DType.F32)) {
            m.build(counting, DType.F32, 7);
            m.setHook(hook);
            float[] xs = new float[N * 2 * H * W];
            for (int i = 0; i < xs.length; i++) xs[i] = (float) Math.sin(0.37 * i);
            backend.upload(xs, 0, x);
            float[] d = new float[N * 4];
            for (int i = 0; i < d.length; i++) d[i] = (float) Math.cos(1.3 * i);
            backend.upload(d, 0, dOut);
            float[] out = HostCopies.download(m.forward(x, new ForwardContext(true, 1), true)).data();
            m.backward(dOut, false);
            List<float[]> grads = new ArrayList<>();
            for (Parameter p : m.parameters()) if (p.grad() != null) grads.add(HostCopies.download(p.grad()).data());
            long elements = 0;
            for (Tensor t : counting.tensors()) elements += t.buffer().length();
            return new Step(out, grads, elements);
        }
    }

    @Test
    void writingOverInputsGivesTheSameBitsAndKeepsFewerActivations() {
        Step inPlace = step(LayerHook.NONE), copies = step(new LayerHook() {});
        assertArrayEquals(copies.output(), inPlace.output());
        assertEquals(copies.gradients().size(), inPlace.gradients().size());
        for (int i = 0; i < inPlace.gradients().size(); i++) {
            assertArrayEquals(copies.gradients().get(i), inPlace.gradients().get(i), "gradient " + i);
        }
        // over their inputs: the stem's ReLU, each block's relu1, add and relu, "shared" (after bn);
        // not "after_relu" (its input is read twice) nor "twice" (its first input is a ReLU's output, which that ReLU's backward reads)
        long activation = (long) N * C * H * W;
        assertEquals(8 * activation, copies.allocatedElements() - inPlace.allocatedElements());
    }
}
