package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.CpuTensors;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.LayerFactory;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The model's own rules on the CPU backend, on tiny Dense graphs: its life cycle (build once, not
 * after close, nothing before build), the input checks, which nodes forward and backward visit,
 * captures, where each layer's initial weights come from, and that close frees every tensor.
 * Values of the passes are covered by the gradient checks and the golden tests.
 *
 * <p>Equivalent mutants left alone: dropping activations after their last consumer
 * ({@code run}'s {@code j != MODEL_INPUT} and {@code lastConsumer == i}, {@code captured} always true)
 * only changes what the model keeps referring to, not what it returns (the layers own the tensors);
 * resetting the capture gradients in {@code backward} (a captured node is always reached again, so its
 * gradient is always overwritten); backward's {@code gradients[i] == null} skip (every node reaches the
 * output, so a node whose gradient is needed always receives one); the {@code needGradient[i]} skip in
 * {@code markNeeds}'s second loop (setting true again changes nothing); clearing the activation and
 * gradient arrays in {@code close} (private, and a closed model refuses every use). In
 * {@code GraphNodes}: {@code lastConsumer} returning 0 (only keeps activations referenced longer) and
 * {@code ancestors}' {@code i >= 0} to {@code i > 0} (node 0 reads only the model input).
 */
class ModelTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final ForwardContext TRAINING = new ForwardContext(true, 1);

    @AfterAll
    static void close() { CPU.close(); }

    private static Model model(Shape input, LayerSpec... layers) {
        return Model.of(ModelSpec.of("m", input, List.of(layers)));
    }

    private static Model built(Shape input, LayerSpec... layers) {
        Model m = model(input, layers);
        m.build(CPU, DType.F64, 42);
        return m;
    }

    /** input (4) -> a: Dense(3), input -> b: Dense(3), sum: Add(a, b). Run order a, b, sum. */
    private static Model branches() {
        return built(Shape.of(4),
                LayerSpec.of("Dense", "name", "a", "units", 3),
                LayerSpec.of("Dense", "name", "b", "units", 3, "inputs", List.of("input")),
                LayerSpec.of("Add", "name", "sum", "inputs", List.of("a", "b")));
    }

    private static Tensor input(int n, int features) {
        Tensor x = CPU.allocate(Shape.of(n, features), DType.F64);
        double[] v = new double[n * features];
        for (int i = 0; i < v.length; i++) v[i] = 0.25 * (i % 7) - 0.5;
        CPU.upload(v, 0, x);
        return x;
    }

    private static Tensor ones(Shape s) {
        Tensor t = CPU.allocate(s, DType.F64);
        double[] v = new double[Math.toIntExact(s.size())];
        java.util.Arrays.fill(v, 1);
        CPU.upload(v, 0, t);
        return t;
    }

    private static double[] read(Tensor t) { return CpuTensors.read(CPU, t); }

    private static boolean isFreed(Tensor t) { return CpuTensors.isFreed(CPU, t); }

    /** Records the node indices forward and backward visit. */
    private static final class Visits implements LayerHook {
        final List<Integer> forward = new ArrayList<>();
        final List<Integer> backward = new ArrayList<>();

        @Override public void afterForward(int index, Layer layer, Tensor output) { forward.add(index); }

        @Override public Tensor beforeBackward(int index, Layer layer, Tensor outputGradient) {
            backward.add(index);
            return outputGradient;
        }
    }

    @Test
    void buildsOnceOnlyBeforeCloseAndOnlyInASupportedDtype() {
        Model m = model(Shape.of(4), LayerSpec.of("Dense", "units", 2));
        ForwardingBackend f32Only = new ForwardingBackend(CPU) {
            @Override public boolean supports(DType dtype) { return dtype == DType.F32; }
        };
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () -> m.build(f32Only, DType.F64, 1));
        assertEquals("backend cpu does not support F64", dtype.getMessage());
        assertNull(m.backend(), "a refused build leaves the model unbuilt");

        m.build(CPU, DType.F64, 1);
        assertEquals(DType.F64, m.dtype());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> m.build(CPU, DType.F64, 1));
        assertEquals("model is already built on cpu", twice.getMessage());

        m.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> m.build(CPU, DType.F64, 1));
        assertEquals("model is closed", closed.getMessage());
    }

    @Test
    void nothingRunsBeforeBuild() {
        Model m = model(Shape.of(4), LayerSpec.of("Dense", "units", 2));
        Tensor x = input(2, 4);
        String notBuilt = "model is not built; call build(backend, dtype, seed) first";
        assertEquals(notBuilt, assertThrows(IllegalStateException.class, m::parameters).getMessage());
        assertEquals(notBuilt, assertThrows(IllegalStateException.class, () -> m.forward(x, ForwardContext.INFERENCE, false)).getMessage());
        assertEquals(notBuilt, assertThrows(IllegalStateException.class, () -> m.forwardTo(0, x)).getMessage());
        assertEquals(notBuilt, assertThrows(IllegalStateException.class, () -> m.backward(x, false)).getMessage());
        x.close();
    }

    @Test
    void forwardAndForwardToCheckTheInputAsTheModels() {
        Model m = built(Shape.of(4), LayerSpec.of("Dense", "units", 2));
        Tensor wrongShape = input(2, 5);
        Tensor wrongRank = CPU.allocate(Shape.of(4), DType.F64);
        Tensor f32 = CPU.allocate(Shape.of(2, 4), DType.F32);
        for (Tensor x : List.of(wrongShape, wrongRank)) {
            ShapeException e = assertThrows(ShapeException.class, () -> m.forward(x, ForwardContext.INFERENCE, false));
            assertEquals("model input must be (N, 4), got " + x.shape(), e.getMessage());
            ShapeException to = assertThrows(ShapeException.class, () -> m.forwardTo(0, x));
            assertEquals("model input must be (N, 4), got " + x.shape(), to.getMessage());
        }
        assertEquals("model input must be F64, got F32",
                assertThrows(ShapeException.class, () -> m.forward(f32, ForwardContext.INFERENCE, false)).getMessage());
        wrongShape.close();
        wrongRank.close();
        f32.close();
        m.close();
    }

    @Test
    void backwardNeedsAForwardAndAGradientShapedLikeTheOutput() {
        Model m = built(Shape.of(4), LayerSpec.of("Dense", "units", 2));
        Tensor x = input(3, 4);
        Tensor wrong = ones(Shape.of(3, 3));
        assertEquals("backward needs a forward pass first", assertThrows(IllegalStateException.class, () -> m.backward(wrong, false)).getMessage());
        m.forward(x, TRAINING, true);
        ShapeException e = assertThrows(ShapeException.class, () -> m.backward(wrong, false));
        assertEquals("model backward: gradient (3, 3) does not match the output (3, 2)", e.getMessage());
        x.close();
        wrong.close();
        m.close();
    }

    @Test
    void squashingOutputsAreSoftmaxAndSigmoidOnly() {
        assertTrue(model(Shape.of(4), LayerSpec.of("Dense", "units", 2, "activation", "softmax")).hasSquashingOutput());
        assertTrue(model(Shape.of(4), LayerSpec.of("Dense", "units", 1, "activation", "sigmoid")).hasSquashingOutput());
        assertFalse(model(Shape.of(4), LayerSpec.of("Dense", "units", 2, "activation", "relu")).hasSquashingOutput());
        assertFalse(model(Shape.of(4), LayerSpec.of("Dense", "units", 2)).hasSquashingOutput());
    }

    @Test
    void forwardToAcceptsOnlyLayerIndicesOfTheModel() {
        Model m = branches();
        Tensor x = input(2, 4);
        assertEquals("layer index -1 is outside 0..2", assertThrows(IndexOutOfBoundsException.class, () -> m.forwardTo(-1, x)).getMessage());
        assertEquals("layer index 3 is outside 0..2", assertThrows(IndexOutOfBoundsException.class, () -> m.forwardTo(3, x)).getMessage());
        assertEquals(Shape.of(2, 3), m.forwardTo(0, x).shape());
        assertEquals(Shape.of(2, 3), m.forwardTo(2, x).shape());
        x.close();
        m.close();
    }

    @Test
    void forwardToRunsOnlyTheLayersItDependsOnAndCapturesOnlyThose() {
        // input -> h -> a; input -> b; sum(a, b). Run order h, a, b, sum.
        Model m = built(Shape.of(4),
                LayerSpec.of("Dense", "name", "h", "units", 3),
                LayerSpec.of("Dense", "name", "a", "units", 3),
                LayerSpec.of("Dense", "name", "b", "units", 3, "inputs", List.of("input")),
                LayerSpec.of("Add", "name", "sum", "inputs", List.of("a", "b")));
        Visits visits = new Visits();
        m.setHook(visits);
        NodeCapture a = m.capture("a");
        Tensor x = input(2, 4);

        m.forward(x, ForwardContext.INFERENCE, false);
        assertEquals(List.of(0, 1, 2, 3), visits.forward);
        assertNotNull(a.activation(), "a feeds sum, yet its captured output is kept");

        visits.forward.clear();
        Tensor b = m.forwardTo(2, x); // b reads only the input: neither h nor a runs
        assertEquals(List.of(2), visits.forward);
        assertNull(a.activation(), "a did not run, so there is nothing to capture");
        double[] bv = read(b);

        visits.forward.clear();
        Tensor sum = m.forwardTo(3, x);
        assertEquals(List.of(0, 1, 2, 3), visits.forward);
        // the captured output is a's: sum = a + b
        double[] av = read(a.activation());
        double[] sv = read(sum);
        for (int i = 0; i < sv.length; i++) assertEquals(sv[i], av[i] + bv[i], 1e-12);
        a.close();
        x.close();
        m.close();
    }

    @Test
    void backwardStopsBelowTheFirstTrainableLayerUnlessTheInputGradientIsAsked() {
        Model m = built(Shape.of(4),
                LayerSpec.of("Dense", "name", "frozen", "units", 3, "trainable", false),
                LayerSpec.of("Dense", "name", "top", "units", 2));
        Visits visits = new Visits();
        m.setHook(visits);
        Tensor x = input(2, 4);
        Tensor dy = ones(Shape.of(2, 2));
        m.forward(x, TRAINING, true);
        assertNull(m.backward(dy, false));
        assertEquals(List.of(1), visits.backward, "the frozen first layer has nothing to compute");

        visits.backward.clear();
        Tensor dx = m.backward(dy, true);
        assertEquals(List.of(1, 0), visits.backward);
        assertEquals(Shape.of(2, 4), dx.shape());
        x.close();
        dy.close();
        m.close();
    }

    @Test
    void eachSpecLayerDrawsItsWeightsFromItsOwnStream() {
        long seed = 42;
        Model m = built(Shape.of(4), LayerSpec.of("Dense", "name", "a", "units", 3), LayerSpec.of("Dense", "name", "b", "units", 2));
        // the same layers built alone from Rng.derive(seed, spec index)
        AbstractLayer a = LayerFactory.create("Dense", "a", Map.of("units", 3));
        a.build(CPU, Shape.of(4), DType.F64, Rng.derive(seed, 0));
        AbstractLayer b = LayerFactory.create("Dense", "b", Map.of("units", 2));
        b.build(CPU, Shape.of(3), DType.F64, Rng.derive(seed, 1));
        List<Parameter> expected = new ArrayList<>(a.parameters());
        expected.addAll(b.parameters());
        List<Parameter> actual = m.parameters();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).name(), actual.get(i).name());
            assertArrayEquals(read(expected.get(i).value()), read(actual.get(i).value()), expected.get(i).name());
        }
        a.close();
        b.close();
        m.close();
    }

    @Test
    void closeFreesParametersAndTheGradientSums() {
        // input -> h; h feeds p and q (fan-out 2), and the input feeds h and r (fan-out 2): both sums are the model's
        Model m = built(Shape.of(4),
                LayerSpec.of("Dense", "name", "h", "units", 3),
                LayerSpec.of("Dense", "name", "p", "units", 2),
                LayerSpec.of("Dense", "name", "q", "units", 2, "inputs", List.of("h")),
                LayerSpec.of("Dense", "name", "r", "units", 2, "inputs", List.of("input")),
                LayerSpec.of("Add", "name", "sum", "inputs", List.of("p", "q", "r")));
        NodeCapture h = m.capture("h");
        Tensor x = input(2, 4);
        Tensor dy = ones(Shape.of(2, 2));
        m.forward(x, TRAINING, true);
        Tensor dx = m.backward(dy, true);
        Tensor dh = h.gradient();
        List<Parameter> params = m.parameters();
        assertEquals(Shape.of(2, 3), dh.shape());
        assertFalse(isFreed(dh) || isFreed(dx));
        m.close();
        for (Parameter p : params) {
            assertTrue(isFreed(p.value()), p.name() + " value");
            if (p.grad() != null) assertTrue(isFreed(p.grad()), p.name() + " gradient");
        }
        assertTrue(isFreed(dh), "the sum of h's gradients");
        assertTrue(isFreed(dx), "the sum of the input's gradients");
        x.close();
        dy.close();
    }
}
