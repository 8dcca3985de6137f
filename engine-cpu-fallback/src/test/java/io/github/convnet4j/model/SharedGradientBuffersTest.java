package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.train.SyntheticData;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.Trainer;
import io.github.convnet4j.train.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The model's layers share their gradient buffers ({@link io.github.convnet4j.nn.GradientPool}):
 * training must give the same bits as when no buffer is reused within a pass (each request its own
 * buffer, the memory every layer's own buffers took before), on graphs where gradients alias
 * (Add and Average pass one buffer to several inputs), fan out (summed in place or not), pass
 * through views (Flatten) and through layers that need scratch (batch norm, activations); and a
 * chain's gradient memory must not grow with its depth. That the gradients themselves are right,
 * whichever mode, is the gradient checks' part (a case with the same kinds of node).
 */
class SharedGradientBuffersTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    /** Residual blocks (identity and projection), a three-way sum, an average, a concatenation, a multiply. */
    private static ModelSpec tangled() {
        return ModelSpec.of("tangled", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Conv2D", "name", "stem", "filters", 4, "kernel_size", 3, "padding", "same", "activation", "relu"),
                LayerSpec.of("ResidualBlock", "name", "block1", "filters", 4),
                LayerSpec.of("ResidualBlock", "name", "block2", "filters", 6, "strides", 2),
                LayerSpec.of("Conv2D", "name", "a", "filters", 6, "kernel_size", 1, "activation", "tanh"),
                LayerSpec.of("Conv2D", "name", "b", "filters", 6, "kernel_size", 3, "padding", "same", "inputs", List.of("block2")),
                LayerSpec.of("Add", "name", "sum", "inputs", List.of("a", "b", "block2")),
                LayerSpec.of("Average", "name", "avg", "inputs", List.of("sum", "block2")),
                LayerSpec.of("Multiply", "name", "gate", "inputs", List.of("avg", "a")),
                LayerSpec.of("Concatenate", "name", "cat", "inputs", List.of("gate", "sum")),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dropout", "rate", 0.25),
                LayerSpec.of("Dense", "units", 8, "activation", "relu"),
                LayerSpec.of("Dense", "units", 4, "activation", "softmax", "kernel_regularizer", Map.of("l2", 1e-3))));
    }

    /** A stem and {@code depth} 3×3 convolutions with ReLU, all 4×8×8, then a classifier. */
    private static ModelSpec chain(int depth) {
        List<LayerSpec> l = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            l.add(LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3, "padding", "same", "activation", "relu"));
            l.add(LayerSpec.of("BatchNormalization"));
        }
        l.add(LayerSpec.of("GlobalAveragePooling2D"));
        l.add(LayerSpec.of("Dense", "units", 4, "activation", "softmax"));
        return ModelSpec.of("chain", Shape.of(1, 8, 8), l);
    }

    private record Trained(List<float[]> weights, long gradientElements) {}

    /** Two epochs of 70 samples in batches of 32 (so the last batch is smaller), Adam. */
    private static Trained train(ModelSpec spec, boolean reuse) throws IOException {
        Dataset train = SyntheticData.quadrants(70, 8, 3), validation = SyntheticData.quadrants(16, 8, 4);
        try (Model m = Model.of(spec)) {
            m.reuseGradientBuffers(reuse);
            m.build(CPU, DType.F32, 5);
            TrainConfig c = TrainConfig.builder().epochs(2).batchSize(32).optimizer("adam:lr=0.01").seed(1).build();
            new Trainer().fit(m, train, validation, c, new TrainingListener() {});
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : m.parameters()) weights.add(HostCopies.download(p.value()).data());
            return new Trained(weights, m.gradientBufferElements());
        }
    }

    @Test
    void sharingGradientBuffersTrainsBitForBitLikeOneBufferPerGradient() throws IOException {
        Trained shared = train(tangled(), true), separate = train(tangled(), false);
        assertEquals(separate.weights().size(), shared.weights().size());
        for (int i = 0; i < shared.weights().size(); i++) {
            assertArrayEquals(separate.weights().get(i), shared.weights().get(i), "parameter " + i);
        }
        assertTrue(shared.gradientElements() * 2 < separate.gradientElements(),
                "shared " + shared.gradientElements() + " elements, separate " + separate.gradientElements());
    }

    @Test
    void aChainsGradientMemoryDoesNotGrowWithItsDepth() throws IOException {
        Trained shallow = train(chain(2), true), deep = train(chain(12), true);
        assertEquals(shallow.gradientElements(), deep.gradientElements());
        // a 4×8×8 gradient of a batch of 32 is 8,192 elements; two are alive at a time in a chain
        int map = 32 * 4 * 8 * 8;
        assertTrue(deep.gradientElements() <= 2 * map + 32 * 4, deep.gradientElements() + " elements");
        // without sharing: one per convolution but the first, one per batch norm, one for the pooling
        Trained separate = train(chain(12), false);
        assertEquals(24 * map + 32 * 4, separate.gradientElements());
    }

    @Test
    void aLayerRunOnItsOwnAfterTheModelKeepsItsInputAndTakesNoSharedBuffer() {
        ModelSpec spec = ModelSpec.of("bn-relu", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3, "padding", "same"),
                LayerSpec.of("BatchNormalization"),
                LayerSpec.of("ReLU"),
                LayerSpec.of("GlobalAveragePooling2D"),
                LayerSpec.of("Dense", "units", 4, "activation", "softmax")));
        ForwardContext training = new ForwardContext(true, 1);
        try (Model m = Model.of(spec); Tensor x = CPU.allocate(Shape.of(2, 1, 8, 8), DType.F32);
             Tensor dOut = CPU.allocate(Shape.of(2, 4), DType.F32); Tensor h = CPU.allocate(Shape.of(2, 4, 8, 8), DType.F32)) {
            m.build(CPU, DType.F32, 3);
            float[] v = new float[512];
            for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i);
            CPU.upload(v, 0, x);
            CPU.upload(v, 0, h);
            CPU.upload(new float[] {1, -1, 0, 0, 0, 0, 1, -1}, 0, dOut);
            m.forward(x, training, true);
            m.backward(dOut, false);
            long pooled = m.gradientBufferElements();
            AbstractLayer relu = (AbstractLayer) m.layers().get(2), bn = (AbstractLayer) m.layers().get(1);
            assertNotSame(h, relu.forward(h, training, false), "in the model the ReLU writes over batch norm's output; alone it does not");
            assertArrayEquals(v, HostCopies.download(h).data(), "its input is unchanged");
            bn.forward(h, training, false);
            for (int i = 0; i < 3; i++) bn.backward(h, true);
            assertEquals(pooled, m.gradientBufferElements(), "a layer's own backward takes nothing from the model's pool");
        }
    }
}
