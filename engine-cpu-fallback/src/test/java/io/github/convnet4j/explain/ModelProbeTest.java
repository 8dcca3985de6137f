package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The probe's batching, squashing, layer lookup and clean-up, and the guided hook's clean-up. */
class ModelProbeTest {
    private static final String RELU_MLP = """
            {"name": "relu-mlp", "input_shape": [1, 2, 2], "layers": [
              {"type": "Flatten"},
              {"type": "Dense", "units": 6, "activation": "relu", "bias_initializer": "ones"},
              {"type": "Dense", "units": 3}]}""";

    /** 70 images go through in batches of 64 and 6; each row is that image's own linear output. */
    @Test void outputsOfManyImagesKeepTheirRows() {
        int n = 70, per = 6;
        Random r = new Random(3);
        float[] kernel = new float[2 * per], images = new float[n * per];
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) r.nextGaussian();
        for (int i = 0; i < images.length; i++) images[i] = (float) r.nextGaussian();
        float[] bias = {0.25f, -1f};
        try (CpuBackend backend = new CpuBackend()) {
            Model m = LinearModels.linear(backend, 1, 2, 3, 2, kernel, bias);
            try (m; ModelProbe probe = new ModelProbe(m)) {
                for (int count : new int[] {n, 64}) {
                    float[] out = probe.outputs(images, count);
                    assertEquals(count * 2, out.length);
                    for (int s = 0; s < count; s++) {
                        for (int k = 0; k < 2; k++) {
                            double want = bias[k];
                            for (int i = 0; i < per; i++) want += kernel[k * per + i] * images[s * per + i];
                            assertEquals(want, out[s * 2 + k], 1e-5, "image " + s + " of " + count + ", output " + k);
                        }
                    }
                }
            }
        }
    }

    /** sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, sigmoid(-ln 3) = 1/4; softmax(0, ln 3) = (1/4, 3/4). */
    @Test void squashFollowsTheModelsFinalActivation() {
        float ln3 = (float) Math.log(3);
        try (CpuBackend backend = new CpuBackend(); Model sig = model(backend, "sigmoid"); Model soft = model(backend, "softmax");
                Model none = model(backend, "linear")) {
            try (ModelProbe p = new ModelProbe(sig)) {
                assertArrayEquals(new float[] {0.5f, 0.75f, 0.25f}, p.squash(new float[] {0, ln3, -ln3}), 1e-6f);
            }
            try (ModelProbe p = new ModelProbe(soft)) {
                assertArrayEquals(new float[] {0.25f, 0.75f}, p.squash(new float[] {0, ln3}), 1e-6f);
                // exp(1000) overflows a double: 1 / (1 + e) and e / (1 + e) only come out when the maximum is subtracted first.
                assertArrayEquals(new float[] {0.26894142f, 0.7310586f}, p.squash(new float[] {1000, 1001}), 1e-6f);
            }
            try (ModelProbe p = new ModelProbe(none)) {
                assertArrayEquals(new float[] {-2, 5}, p.squash(new float[] {-2, 5}), "no squashing");
            }
        }
    }

    private static Model model(CpuBackend backend, String activation) {
        Model m = Model.of(ModelSpec.parse("""
                {"name": "m", "input_shape": [2], "layers": [{"type": "Dense", "units": 2, "activation": "%s"}]}""".formatted(activation), "test"));
        m.build(backend, DType.F32, 1);
        return m;
    }

    @Test void layersAreFoundByNameFromTheFirstOn() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(RELU_MLP, "test"))) {
            m.build(backend, DType.F32, 1);
            try (ModelProbe probe = new ModelProbe(m)) {
                assertEquals(0, probe.layerIndex(m.layers().get(0).name()));
                assertEquals(2, probe.layerIndex("dense_2"));
                String e = assertThrows(IllegalArgumentException.class, () -> probe.layerIndex("conv9")).getMessage();
                assertTrue(e.contains("no layer conv9; layers: " + m.layers().get(0).name() + ", dense_1, dense_2"), e);
            }
        }
    }

    /**
     * After a guided pass the model's own backward is plain again: dx = W1^T (W2[k, :] ⊙ [z1 > 0]),
     * negative entries of W2[k, :] included (the case is chosen to have one at an active ReLU).
     */
    @Test void theProbeLeavesNoHookOnTheModel() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(RELU_MLP, "test"))) {
            m.build(backend, DType.F32, 3);
            float[] x = {0.3f, -0.8f, 0.5f, 0.9f};
            float[] w1 = LinearModels.get(backend, m, "dense_1/kernel"), b1 = LinearModels.get(backend, m, "dense_1/bias");
            float[] w2 = LinearModels.get(backend, m, "dense_2/kernel");
            int k = 1;
            float[] plain = new float[4];
            boolean negativeAtActive = false;
            for (int j = 0; j < 6; j++) {
                double z = b1[j];
                for (int i = 0; i < 4; i++) z += w1[j * 4 + i] * x[i];
                if (z <= 0) continue;
                negativeAtActive |= w2[k * 6 + j] < 0;
                for (int i = 0; i < 4; i++) plain[i] += w1[j * 4 + i] * w2[k * 6 + j];
            }
            assertTrue(negativeAtActive, "the guided rule must make a difference in this case");
            try (ModelProbe probe = new ModelProbe(m)) {
                probe.backprop(x, k, "dense_1", true);
            }
            try (Tensor in = backend.allocate(AbstractLayer.batched(1, m.inputShape()), DType.F32);
                    Tensor g = backend.allocate(AbstractLayer.batched(1, m.outputShape()), DType.F32)) {
                backend.upload(x, 0, in);
                float[] oneHot = new float[3];
                oneHot[k] = 1;
                backend.upload(oneHot, 0, g);
                m.forward(in, ForwardContext.INFERENCE, true);
                float[] dx = new float[4];
                backend.download(m.backward(g, true), dx, 0);
                assertArrayEquals(plain, dx, 1e-5f);
            }
        }
    }

    /** The hook clamps a ReLU layer's incoming gradient to max(dy, 0) in its own buffer, and closing frees it. */
    @Test void theGuidedHookClampsIntoABufferItFreesOnClose() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(RELU_MLP, "test"))) {
            m.build(backend, DType.F32, 3);
            Tensor clamped;
            try (Tensor dy = backend.allocate(Shape.of(1, 6), DType.F32)) {
                backend.upload(new float[] {-1, 2, -3, 4, 0, -0.5f}, 0, dy);
                GuidedReluHook hook = new GuidedReluHook(backend, m.layers().size(), new LayerCaptureHook(backend, -1));
                clamped = hook.beforeBackward(1, m.layers().get(1), dy);
                float[] host = new float[6];
                backend.download(clamped, host, 0);
                assertArrayEquals(new float[] {0, 2, 0, 4, 0, 0}, host);
                assertTrue(hook.beforeBackward(2, m.layers().get(2), dy) == dy, "a layer without ReLU gets dy as it is");
                hook.close();
            }
            Tensor freed = clamped;
            String e = assertThrows(RuntimeException.class, () -> backend.download(freed, new float[6], 0)).getMessage();
            assertTrue(e.contains("closed"), e);
        }
    }
    @Test void anUnbuiltModelIsRefused() {
        Model unbuilt = Model.of(ModelSpec.parse(RELU_MLP, "test"));
        assertEquals("model is not built", assertThrows(IllegalStateException.class, () -> new ModelProbe(unbuilt)).getMessage());
    }

    /** Frozen while open (backward computes no weight gradients); closing gives each layer back its own setting. */
    @Test void layersAreFrozenWhileOpenAndRestoredOnClose() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(RELU_MLP, "test"))) {
            m.build(backend, DType.F32, 1);
            m.layers().get(2).setTrainable(false);
            List<Boolean> before = trainable(m);
            assertEquals(List.of(true, false), before.subList(1, 3), "dense_1 trains, dense_2 was frozen by the user");
            try (ModelProbe probe = new ModelProbe(m)) {
                assertEquals(List.of(false, false, false), trainable(m));
                probe.backprop(new float[] {1, 2, 3, 4}, 0, null, false);
            }
            assertEquals(before, trainable(m));
        }
    }

    private static List<Boolean> trainable(Model m) {
        List<Boolean> out = new ArrayList<>();
        for (Layer l : m.layers()) out.add(l.trainable());
        return out;
    }

    /**
     * Identity kernel, zero bias: logits = x. Class 0 asked for is class 0 even when class 1 scores
     * higher; -1 takes the top class, the lower index on a tie (as accuracy's argmax does).
     * The input gradient of logit k is row k of the kernel.
     */
    @Test void classIndexZeroIsAClassAndMinusOneTakesTheTopClass() {
        try (CpuBackend backend = new CpuBackend(); Model m = LinearModels.linear(backend, 1, 1, 2, 2, new float[] {1, 0, 0, 1}, new float[2]);
                ModelProbe probe = new ModelProbe(m)) {
            Backprop zero = probe.backprop(new float[] {0, 1}, 0, null, false);
            assertEquals(0, zero.classIndex());
            assertArrayEquals(new float[] {1, 0}, zero.inputGradient());
            Backprop top = probe.backprop(new float[] {0, 1}, -1, null, false);
            assertEquals(1, top.classIndex());
            assertArrayEquals(new float[] {0, 1}, top.inputGradient());
            assertEquals(0, probe.backprop(new float[] {2, 2}, -1, null, false).classIndex(), "tie");
            assertEquals(1, ModelProbe.argmax(new float[] {-1, 3, 3, 2}));
        }
    }

    /** The probe's two single-image tensors are freed by close, and only they: the model keeps its own. */
    @Test void closeFreesTheSingleImageTensors() {
        List<Tensor> allocated = new ArrayList<>();
        try (CpuBackend cpu = new CpuBackend()) {
            Backend recording = new ForwardingBackend(cpu) {
                @Override public Tensor allocate(Shape shape, DType dtype) {
                    Tensor t = super.allocate(shape, dtype);
                    allocated.add(t);
                    return t;
                }
            };
            try (Model m = LinearModels.linear(recording, 1, 1, 2, 2, new float[] {1, 0, 0, 1}, new float[2])) {
                ModelProbe probe = new ModelProbe(m);
                probe.backprop(new float[] {0, 1}, -1, null, false);
                List<Tensor> open = allocated.stream().filter(t -> !closed(cpu, t)).toList();
                probe.close();
                List<String> freed = open.stream().filter(t -> closed(cpu, t)).map(t -> t.shape().toString()).sorted().toList();
                assertEquals(List.of("(1, 1, 1, 2)", "(1, 2)"), freed);
                probe.close(); // twice is harmless
            }
        }
    }

    private static boolean closed(Backend backend, Tensor t) {
        try {
            backend.download(t, new float[Math.toIntExact(t.size())], 0);
            return false;
        } catch (RuntimeException e) {
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            return true;
        }
    }
}
