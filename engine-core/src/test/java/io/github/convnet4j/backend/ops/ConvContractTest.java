package io.github.convnet4j.backend.ops;

import static io.github.convnet4j.backend.ops.ContractTensors.sharing;
import static io.github.convnet4j.backend.ops.ContractTensors.t;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks every backend's conv runs before its kernels, with the messages users see. The
 * conformance kit shows that each backend refuses what the CPU refuses; these pin what that is.
 * x (2, 3, 5, 5) and w (4, 3, 3, 3), stride 1, no padding: y (2, 4, 3, 3).
 *
 * <p>Equivalent mutant left alone: {@code ConvShape.isOutput} always false only makes the contract
 * compare the full shapes instead (the fast test's fallback), with the same outcome.
 */
class ConvContractTest {
    private static final ConvParams P = ConvParams.of(1, 0, 1);
    private static final String DEV = "cpu";

    private static String refused(Executable call) {
        return assertThrows(BackendException.class, call).getMessage();
    }

    @Test
    void aWellFormedCallPassesAndGivesTheGeometry() {
        ConvShape g = ConvContract.forward(DEV, ConvContract.FORWARD, P, t(2, 3, 5, 5), t(4, 3, 3, 3), t(4), t(2, 4, 3, 3));
        assertEquals(Shape.of(2, 4, 3, 3), g.output());
        assertDoesNotThrow(() -> ConvContract.forward(DEV, ConvContract.FORWARD, P, t(2, 3, 5, 5), t(4, 3, 3, 3), null, t(2, 4, 3, 3)));
        assertDoesNotThrow(() -> ConvContract.backwardData(DEV, ConvContract.BACKWARD_DATA, P, t(2, 4, 3, 3), t(4, 3, 3, 3), t(2, 3, 5, 5)));
        assertDoesNotThrow(() -> ConvContract.backwardFilter(DEV, ConvContract.BACKWARD_FILTER, P, t(2, 3, 5, 5), t(2, 4, 3, 3), t(4, 3, 3, 3), t(4)));
    }

    @Test
    void missingOperandsAndWrongRanksAreNamed() {
        String op = ConvContract.FORWARD;
        assertEquals("conv forward: parameters are null (device cpu)",
                refused(() -> ConvContract.forward(DEV, op, null, t(2, 3, 5, 5), t(4, 3, 3, 3), null, t(2, 4, 3, 3))));
        assertEquals("conv forward: x is null (device cpu)",
                refused(() -> ConvContract.forward(DEV, op, P, null, t(4, 3, 3, 3), null, t(2, 4, 3, 3))));
        assertEquals("conv forward: x (3, 5, 5) has rank 3, expected 4 (device cpu)",
                refused(() -> ConvContract.forward(DEV, op, P, t(3, 5, 5), t(4, 3, 3, 3), null, t(2, 4, 3, 3))));
        assertEquals("conv forward: w (4, 3, 3, 3, 1) has rank 5, expected 4 (device cpu)",
                refused(() -> ConvContract.forward(DEV, op, P, t(2, 3, 5, 5), t(4, 3, 3, 3, 1), null, t(2, 4, 3, 3))));
    }

    @Test
    void anInputSmallerThanTheFilterIsRefused() {
        String m = refused(() -> ConvContract.forward(DEV, ConvContract.FORWARD, P, t(1, 3, 2, 5), t(4, 3, 3, 3), null, t(1, 4, 1, 3)));
        assertEquals("conv forward: x (1, 3, 2, 5) is too small for w (4, 3, 3, 3) with " + P + ": output would be 0x3 (device cpu)", m);
    }

    @Test
    void biasAndOutputsMustFitTheGeometry() {
        assertEquals("conv forward: bias (3,) should hold 4 elements (one per filter of w (4, 3, 3, 3)) (device cpu)",
                refused(() -> ConvContract.forward(DEV, ConvContract.FORWARD, P, t(2, 3, 5, 5), t(4, 3, 3, 3), t(3), t(2, 4, 3, 3))));
        assertEquals("conv backward filter: dbias (5,) should hold 4 elements (one per filter of dw (4, 3, 3, 3)) (device cpu)",
                refused(() -> ConvContract.backwardFilter(DEV, ConvContract.BACKWARD_FILTER, P, t(2, 3, 5, 5), t(2, 4, 3, 3), t(4, 3, 3, 3), t(5))));
        assertEquals("conv backward data: dy (2, 4, 3, 4) should be (2, 4, 3, 3) (N, K, P, Q for dx (2, 3, 5, 5) and w (4, 3, 3, 3)) (device cpu)",
                refused(() -> ConvContract.backwardData(DEV, ConvContract.BACKWARD_DATA, P, t(2, 4, 3, 4), t(4, 3, 3, 3), t(2, 3, 5, 5))));
    }

    @Test
    void outputsMayNotShareMemoryWithInputs() {
        Tensor x = t(2, 3, 5, 5);
        Tensor w = t(4, 3, 3, 3);
        assertEquals("conv forward: y (2, 4, 3, 3) shares memory with w (4, 3, 3, 3); this op cannot run in place (device cpu)",
                refused(() -> ConvContract.forward(DEV, ConvContract.FORWARD, P, x, w, null, sharing(w, 2, 4, 3, 3))));

        Tensor dy = t(2, 4, 3, 3);
        Tensor dxOnDy = sharing(dy, 2, 3, 5, 5);
        assertEquals("conv backward data: dx (2, 3, 5, 5) shares memory with dy (2, 4, 3, 3); this op cannot run in place (device cpu)",
                refused(() -> ConvContract.backwardData(DEV, ConvContract.BACKWARD_DATA, P, dy, w, dxOnDy)));
        Tensor dxOnW = sharing(w, 2, 3, 5, 5);
        assertEquals("conv backward data: dx (2, 3, 5, 5) shares memory with w (4, 3, 3, 3); this op cannot run in place (device cpu)",
                refused(() -> ConvContract.backwardData(DEV, ConvContract.BACKWARD_DATA, P, dy, w, dxOnW)));

        Tensor dwOnDy = sharing(dy, 4, 3, 3, 3);
        assertEquals("conv backward filter: dw (4, 3, 3, 3) shares memory with dy (2, 4, 3, 3); this op cannot run in place (device cpu)",
                refused(() -> ConvContract.backwardFilter(DEV, ConvContract.BACKWARD_FILTER, P, x, dy, dwOnDy, null)));
    }

    @Test
    void theFusedBackwardFormsCheckTheForwardOutput() {
        ConvShape g = ConvContract.geometry(DEV, ConvContract.BACKWARD_DATA, P, "dx", t(2, 3, 5, 5), "w", t(4, 3, 3, 3));
        String op = ConvContract.fused(ConvContract.BACKWARD_DATA, Activation.RELU);
        Tensor dx = t(2, 3, 5, 5);
        assertDoesNotThrow(() -> ConvContract.fusedOutput(DEV, op, g, t(2, 4, 3, 3), "dx", dx));
        assertEquals("conv backward data with fused relu: y (2, 4, 3, 2) should be (2, 4, 3, 3) (the forward output, like dy) (device cpu)",
                refused(() -> ConvContract.fusedOutput(DEV, op, g, t(2, 4, 3, 2), "dx", dx)));
        assertEquals("conv backward data with fused relu: dx (2, 3, 5, 5) shares memory with y (2, 4, 3, 3); this op cannot run in place (device cpu)",
                refused(() -> ConvContract.fusedOutput(DEV, op, g, sharing(dx, 2, 4, 3, 3), "dx", dx)));
    }

    @Test
    void anOutputSizeBeyondAnIntIsRefusedButTheLargestIntIsNot() {
        // n = 2^31 - 1, a 1-wide kernel, stride 1: (n + 0 - 0 - 1) / 1 + 1 = 2^31 - 1 still fits an int
        assertEquals(Integer.MAX_VALUE, ConvParams.of(1, 0, 1).outputHeight(Integer.MAX_VALUE, 1));
        // one row of padding makes it 2^31
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConvParams(1, 1, 1, 0, 0, 0, 1, 1).outputHeight(Integer.MAX_VALUE, 1));
        assertEquals("the output size 2147483648 is larger than 2^31 - 1", e.getMessage());
    }
}
