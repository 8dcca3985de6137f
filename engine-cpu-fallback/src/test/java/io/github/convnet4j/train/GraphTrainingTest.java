package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.NodeCapture;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Training graph models: no allocation per step, a chain written as a graph trains bit for bit the same, captures. */
class GraphTrainingTest {
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    /** Two branches from one pooled map, summed (the pool's output feeds two nodes, so its gradient is a sum). */
    private static ModelSpec branches() {
        return ModelSpec.of("branches", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Conv2D", "name", "stem", "filters", 4, "kernel_size", 3, "padding", "same", "activation", "relu"),
                LayerSpec.of("MaxPooling2D", "name", "pool", "pool_size", 2),
                LayerSpec.of("Conv2D", "name", "b1", "filters", 4, "kernel_size", 1, "inputs", List.of("pool")),
                LayerSpec.of("Conv2D", "name", "b2", "filters", 4, "kernel_size", 3, "padding", "same", "inputs", List.of("pool")),
                LayerSpec.of("Add", "name", "sum", "inputs", List.of("b1", "b2", "pool")),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 4, "activation", "softmax")));
    }

    private static List<float[]> weights(Model m) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : m.parameters()) out.add(HostCopies.download(p.value()).data());
        return out;
    }

    private List<float[]> train(ModelSpec spec, Backend on, TrainingListener listener) throws IOException {
        Dataset train = SyntheticData.quadrants(512, 8, 3), validation = SyntheticData.quadrants(128, 8, 4);
        try (Model m = Model.of(spec)) {
            m.build(on, DType.F32, 5);
            TrainConfig c = TrainConfig.builder().epochs(3).batchSize(32).optimizer("adam:lr=0.01").seed(1).build();
            new Trainer().fit(m, train, validation, c, listener);
            return weights(m);
        }
    }

    @Test void aGraphModelAllocatesNothingAfterTheFirstEpochAndLearns() throws IOException {
        CountingBackend counting = new CountingBackend(backend);
        int[] afterFirst = {-1}, atEnd = {-1};
        double[] accuracy = {0};
        train(branches(), counting, new TrainingListener() {
            @Override public void onEpochEnd(EpochResult r) {
                if (r.epoch() == 1) afterFirst[0] = counting.allocations();
                atEnd[0] = counting.allocations();
                accuracy[0] = r.valAccuracy();
            }
        });
        assertTrue(afterFirst[0] > 0);
        assertEquals(afterFirst[0], atEnd[0], "device allocations during epochs 2 and 3");
        assertTrue(accuracy[0] > 0.9, "validation accuracy " + accuracy[0]);
    }

    @Test void aChainWrittenWithExplicitInputsTrainsBitForBitLikeTheSequentialSpec() throws IOException {
        ModelSpec sequential = SyntheticData.smallConvNet(4);
        List<LayerSpec> wired = new ArrayList<>();
        String previous = "input";
        for (LayerSpec l : sequential.layers()) {
            wired.add(l.with("inputs", List.of(previous)));
            previous = l.name();
        }
        ModelSpec graph = ModelSpec.of("small-convnet", sequential.inputShape(), wired);
        List<float[]> a = train(sequential, backend, new TrainingListener() {});
        List<float[]> b = train(graph, backend, new TrainingListener() {});
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
    }

    @Test void aCaptureHoldsANamedNodesActivationAndItsSummedGradientEvenBelowFrozenLayers() {
        ModelSpec spec = branches();
        for (int i = 0; i < 5; i++) spec = spec.withLayer(i, spec.layers().get(i).with("trainable", false));
        try (Model m = Model.of(spec); Tensor x = backend.allocate(Shape.of(2, 1, 8, 8), DType.F32);
             Tensor dOut = backend.allocate(Shape.of(2, 4), DType.F32)) {
            m.build(backend, DType.F32, 3);
            float[] xs = new float[128];
            for (int i = 0; i < xs.length; i++) xs[i] = (float) Math.sin(i);
            backend.upload(xs, 0, x);
            backend.upload(new float[] {1, -1, 0.5f, 0, 0, 1, -2, 1}, 0, dOut);
            try (NodeCapture pool = m.capture("pool")) {
                m.forward(x, ForwardContext.INFERENCE, true);
                assertNotNull(pool.activation());
                float[] act = HostCopies.download(pool.activation()).data();
                assertArrayEquals(HostCopies.download(m.forwardTo(m.indexOf("pool"), x)).data(), act);
                m.forward(x, ForwardContext.INFERENCE, true);
                m.backward(dOut, false);
                assertNotNull(pool.gradient(), "captured below frozen layers");
                assertEquals(Shape.of(2, 4, 4, 4), pool.gradient().shape());
                // the sum's gradient reaches pool directly and through b1 and b2: pool's gradient is not the sum's alone
                try (NodeCapture sum = m.capture("sum")) {
                    m.forward(x, ForwardContext.INFERENCE, true);
                    m.backward(dOut, false);
                    float[] g = HostCopies.download(pool.gradient()).data(), direct = HostCopies.download(sum.gradient()).data();
                    boolean differs = false;
                    for (int i = 0; i < g.length; i++) differs |= g[i] != direct[i];
                    assertTrue(differs);
                }
            }
            int last = m.layers().size() - 1;
            try (NodeCapture out = m.capture(m.layers().get(last).name())) {
                m.forward(x, ForwardContext.INFERENCE, true);
                m.backward(dOut, false);
                assertSame(dOut, out.gradient());
            }
        }
    }
}
