package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What every layer inherits: build once, parameter counts before and after build, no forward before
 * build, and close freeing values, gradients and owned buffers.
 *
 * <p>Equivalent mutants left alone: the three on {@code trainableParameterCount}'s cached answer, and
 * {@code build}'s {@code builtWeightCount +=} turned into {@code -=} (a negative count disables the
 * cache): without the cache the count is computed again from the same specs, with the same result.
 * {@code close} without {@code grads.clear()}: what stays listed is closed already and a rebuild
 * replaces every gradient by name. Without {@code owned.clear()} a second close closes the same
 * resources again (idempotent); it only differs for a layer rebuilt after close, which the engine
 * never does (and where the original no longer owns what its constructor owned, e.g. Dense's
 * activation stage).
 */
class AbstractLayerTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    /** Dense(3) on (4): kernel 4 x 3 = 12 and bias 3, all weights. */
    private static AbstractLayer dense(boolean trainable) {
        AbstractLayer l = LayerFactory.create("Dense", "d", Map.of("units", 3));
        l.setTrainable(trainable);
        return l;
    }

    private static boolean isFreed(Tensor t) { return CpuTensors.isFreed(CPU, t); }

    @Test
    void countsAreTheSameBeforeAndAfterBuild() {
        AbstractLayer l = dense(true);
        assertEquals(15, l.parameterCount(Shape.of(4)));
        assertEquals(15, l.trainableParameterCount(Shape.of(4)));
        l.build(CPU, Shape.of(4), DType.F64, new Rng(1));
        assertEquals(15, l.trainableParameterCount(Shape.of(4)));
        // another input shape is answered for that shape, not the built one: 5 x 3 + 3
        assertEquals(18, l.trainableParameterCount(Shape.of(5)));
        l.close();

        AbstractLayer frozen = dense(false);
        frozen.build(CPU, Shape.of(4), DType.F64, new Rng(1));
        assertEquals(15, frozen.parameterCount(Shape.of(4)));
        assertEquals(0, frozen.trainableParameterCount(Shape.of(4)));
        frozen.close();
    }

    @Test
    void buildsOnceAndRunsOnlyWhenBuilt() {
        AbstractLayer l = dense(true);
        Tensor x = CPU.allocate(Shape.of(2, 4), DType.F64);
        IllegalStateException notBuilt = assertThrows(IllegalStateException.class, () -> l.forward(x, ForwardContext.INFERENCE, false));
        assertEquals("layer d (Dense) is not built", notBuilt.getMessage());
        l.build(CPU, Shape.of(4), DType.F64, new Rng(1));
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> l.build(CPU, Shape.of(4), DType.F64, new Rng(1)));
        assertEquals("layer d is already built", twice.getMessage());
        assertEquals(Shape.of(2, 3), l.forward(x, ForwardContext.INFERENCE, false).shape());
        l.close();
        x.close();
    }

    @Test
    void closeFreesEveryTensorAndForgetsTheParameters() {
        AbstractLayer l = dense(true);
        l.build(CPU, Shape.of(4), DType.F64, new Rng(1));
        Tensor x = CPU.allocate(Shape.of(2, 4), DType.F64);
        Tensor y = l.forward(x, ForwardContext.INFERENCE, false); // the output slot is owned by the layer
        List<Parameter> params = l.parameters();
        assertEquals(2, params.size());
        l.close();
        for (Parameter p : params) {
            assertTrue(isFreed(p.value()), p.name());
            assertTrue(isFreed(p.grad()), p.name() + " gradient");
        }
        assertTrue(isFreed(y), "the output slot");
        assertEquals(List.of(), l.parameters());
        // built again after close, it owns fresh tensors only
        l.build(CPU, Shape.of(4), DType.F64, new Rng(1));
        assertEquals(2, l.parameters().size());
        l.close();
        x.close();
    }
}
