package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Optimizer state export, import and the slots' lifetime.
 *
 * <p>Equivalent on the CPU reference, so left alone: {@code AbstractOptimizer.download}'s float64
 * branch (and {@code HostCopies.download}'s); the CPU backend's float download of a float64
 * tensor rounds each value itself, the same way.
 */
class OptimizerStateTest {
    private static final double[] W = {0.5, -1.25, 2.0};
    private static final double[][] GRADS = {{0.1, -0.4, 0.3}, {-0.2, 0.05, 0.6}, {0.7, 0.1, -0.1}, {0.01, -0.9, 0.2}};
    private final ParamFixture fx = new ParamFixture();

    @AfterEach void close() { fx.close(); }

    /** Steps a fresh optimizer over all gradients, or exports after {@code split} steps and continues in a new one. */
    private float[] run(String spec, int split) {
        Parameter p = fx.param("d/kernel", W, GRADS[0]);
        Optimizer o = Optimizers.parse(spec);
        for (int i = 0; i < GRADS.length; i++) {
            if (i == split) {
                OptimizerState s = o.exportState();
                o.close();
                o = Optimizers.parse(spec);
                o.importState(s, List.of(p));
                assertEquals(split, o.iterations());
            }
            fx.setGrad(p, GRADS[i]);
            o.step(List.of(p));
        }
        o.close();
        return fx.values(p.value());
    }

    @Test void exportImportContinuesBitForBit() {
        for (String spec : new String[] {"adam", "rmsprop", "momentum:lr=0.1", "nesterov", "sgd"}) {
            float[] straight = run(spec, -1);
            float[] resumed = run(spec, 2);
            for (int i = 0; i < straight.length; i++) {
                assertEquals(Float.floatToRawIntBits(straight[i]), Float.floatToRawIntBits(resumed[i]), spec + " element " + i);
            }
        }
    }

    @Test void stateNamesAndShapes() {
        Parameter p = fx.param("conv2d_1/kernel", W, GRADS[0]);
        try (Optimizer o = new Adam()) {
            o.step(List.of(p));
            OptimizerState s = o.exportState();
            assertEquals("adam", s.optimizer());
            assertEquals(1, s.iterations());
            assertEquals(List.of("conv2d_1/kernel/m", "conv2d_1/kernel/v"), List.copyOf(s.tensors().keySet()));
            // m after one step is (1 - beta1) g.
            float[] m = s.tensors().get("conv2d_1/kernel/m").data();
            assertArrayEquals(new float[] {(float) (0.1 * (float) 0.1), (float) (0.1 * (float) -0.4), (float) (0.1 * (float) 0.3)}, m, 1e-7f);
        }
    }

    @Test void importRejectsForeignState() {
        Parameter p = fx.param("d/kernel", W, GRADS[0]);
        HostTensor three = new HostTensor(Shape.of(3), new float[3]);
        try (Optimizer o = new Adam()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> o.importState(new OptimizerState("sgd", 1, Map.of()), List.of(p)));
            assertEquals("optimizer state is for sgd, not adam", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> o.importState(new OptimizerState("adam", 1, Map.of("d/kernel/q", three)), List.of(p)));
            assertTrue(e.getMessage().contains("d/kernel/q") && e.getMessage().contains("no such slot"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> o.importState(new OptimizerState("adam", 1, Map.of("other/kernel/m", three, "other/kernel/v", three)), List.of(p)));
            assertTrue(e.getMessage().contains("no trainable parameter other/kernel"), e.getMessage());
            HostTensor two = new HostTensor(Shape.of(2), new float[2]);
            e = assertThrows(IllegalArgumentException.class,
                    () -> o.importState(new OptimizerState("adam", 1, Map.of("d/kernel/m", two, "d/kernel/v", three)), List.of(p)));
            assertTrue(e.getMessage().contains("d/kernel/m has shape (2,)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> o.importState(new OptimizerState("adam", 1, Map.of("d/kernel/m", three)), List.of(p)));
            assertTrue(e.getMessage().contains("lacks slot v"), e.getMessage());
        }
    }
    /** The state is kept by parameter name; a parameter of that name with another shape is refused, not updated with the wrong state. */
    @Test void aParameterWhoseShapeChangedIsRefused() {
        try (Optimizer o = new Adam()) {
            o.step(List.of(fx.param("d/kernel", W, GRADS[0])));
            Parameter reshaped = fx.param("d/kernel", new double[] {1, 2}, new double[] {0.1, 0.2});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.step(List.of(reshaped)));
            assertEquals("optimizer state for d/kernel has shape (3,) but the parameter has shape (2,)", e.getMessage());
        }
    }

    /** Importing replaces all state: slots of parameters the imported state does not have are dropped (and freed). */
    @Test void importReplacesTheWholeState() {
        List<Tensor> allocated = new ArrayList<>();
        Backend recording = new ForwardingBackend(fx.backend) {
            @Override public Tensor allocate(Shape shape, DType dtype) {
                Tensor t = super.allocate(shape, dtype);
                allocated.add(t);
                return t;
            }
        };
        Parameter a = fx.param("a/kernel", W, GRADS[0]), b = fx.param("b/kernel", W, GRADS[1]);
        OptimizerState onlyA;
        try (Optimizer other = new Adam()) {
            other.step(List.of(a));
            onlyA = other.exportState();
        }
        Parameter ra = onHost(recording, a), rb = onHost(recording, b);
        Optimizer o = new Adam();
        o.step(List.of(ra, rb));
        List<Tensor> before = List.copyOf(allocated.subList(4, allocated.size()));
        assertEquals(4, before.size(), "m and v for each of a and b");
        o.importState(onlyA, List.of(ra, rb));
        assertEquals(List.of("a/kernel/m", "a/kernel/v"), List.copyOf(o.exportState().tensors().keySet()));
        for (Tensor t : before) assertClosed(t);
        List<Tensor> imported = List.copyOf(allocated.subList(8, allocated.size()));
        assertEquals(2, imported.size());
        o.close();
        for (Tensor t : imported) assertClosed(t);
        assertEquals(Map.of(), o.exportState().tensors(), "a closed optimizer holds no state");
    }

    /** A copy of {@code p} whose tensors belong to {@code backend}. */
    private Parameter onHost(Backend backend, Parameter p) {
        Tensor value = backend.allocate(p.value().shape(), p.value().dtype()), grad = backend.allocate(p.value().shape(), p.value().dtype());
        backend.upload(fx.values(p.value()), 0, value);
        backend.upload(fx.values(p.grad()), 0, grad);
        return new Parameter(p.name(), value, grad, p.regularizer());
    }

    private void assertClosed(Tensor t) {
        String e = assertThrows(RuntimeException.class, () -> fx.backend.download(t, new float[Math.toIntExact(t.size())], 0)).getMessage();
        assertTrue(e.contains("closed"), e);
    }
}
