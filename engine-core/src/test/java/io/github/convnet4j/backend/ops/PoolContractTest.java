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
 * The checks of every backend's pooling, with their messages: x (2, 3, 4, 6) under a 2x2 window of
 * stride 2 gives y (2, 3, 2, 3).
 *
 * <p>Equivalent mutant left alone: {@code PoolShape.isOutput} always false only makes the contract
 * compare the full shapes instead, with the same outcome.
 */
class PoolContractTest {
    private static final PoolParams P = new PoolParams(PoolParams.Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0);
    private static final String DEV = "cpu";

    private static String refused(Executable call) {
        return assertThrows(BackendException.class, call).getMessage();
    }

    @Test
    void aWellFormedCallPasses() {
        assertEquals(Shape.of(2, 3, 2, 3), PoolContract.forward(DEV, P, t(2, 3, 4, 6), t(2, 3, 2, 3)).output());
        assertDoesNotThrow(() -> PoolContract.backward(DEV, P, t(2, 3, 4, 6), t(2, 3, 2, 3), t(2, 3, 2, 3), t(2, 3, 4, 6)));
        // y may be left out (average pooling needs none)
        assertDoesNotThrow(() -> PoolContract.backward(DEV, P, t(2, 3, 4, 6), null, t(2, 3, 2, 3), t(2, 3, 4, 6)));
    }

    @Test
    void xMustBeAnImageBatchAtLeastAsBigAsTheWindow() {
        assertEquals("pool forward: x (3, 4, 6) has rank 3, expected 4 (device cpu)", refused(() -> PoolContract.forward(DEV, P, t(3, 4, 6), t(2, 3, 2, 3))));
        // one row or one column short of a window: an output of 0 rows or 0 columns
        assertEquals("pool forward: x (2, 3, 1, 6) is too small for a 2x2 window with " + P + ": output would be 0x3 (device cpu)",
                refused(() -> PoolContract.forward(DEV, P, t(2, 3, 1, 6), t(2, 3, 1, 3))));
        assertEquals("pool forward: x (2, 3, 4, 1) is too small for a 2x2 window with " + P + ": output would be 2x0 (device cpu)",
                refused(() -> PoolContract.forward(DEV, P, t(2, 3, 4, 1), t(2, 3, 2, 1))));
        // exactly one window fits: a 1x1 output
        assertEquals(Shape.of(2, 3, 1, 1), PoolContract.forward(DEV, P, t(2, 3, 2, 2), t(2, 3, 1, 1)).output());
    }

    @Test
    void forwardOutputIsApartFromX() {
        Tensor x = t(2, 3, 4, 6);
        assertEquals("pool forward: y (2, 3, 2, 3) shares memory with x (2, 3, 4, 6); this op cannot run in place (device cpu)",
                refused(() -> PoolContract.forward(DEV, P, x, sharing(x, 2, 3, 2, 3))));
    }

    @Test
    void backwardChecksEveryTensorAgainstXAndTheOutputShape() {
        Tensor x = t(2, 3, 4, 6);
        assertEquals("pool backward: dy (2, 3, 2, 2) should be (2, 3, 2, 3) (N, C, P, Q for x (2, 3, 4, 6)) (device cpu)",
                refused(() -> PoolContract.backward(DEV, P, x, null, t(2, 3, 2, 2), t(2, 3, 4, 6))));
        assertEquals("pool backward: y (2, 3, 3, 2) does not match dy (2, 3, 2, 3) (device cpu)",
                refused(() -> PoolContract.backward(DEV, P, x, t(2, 3, 3, 2), t(2, 3, 2, 3), t(2, 3, 4, 6))));
        assertEquals("pool backward: dx (2, 3, 6, 4) does not match x (2, 3, 4, 6) (device cpu)",
                refused(() -> PoolContract.backward(DEV, P, x, null, t(2, 3, 2, 3), t(2, 3, 6, 4))));
        assertEquals("pool backward: dx (2, 3, 4, 6) shares memory with x (2, 3, 4, 6); this op cannot run in place (device cpu)",
                refused(() -> PoolContract.backward(DEV, P, x, null, t(2, 3, 2, 3), sharing(x, 2, 3, 4, 6))));
        Tensor dy = t(2, 3, 2, 3);
        assertEquals("pool backward: dx (2, 3, 4, 6) shares memory with dy (2, 3, 2, 3); this op cannot run in place (device cpu)",
                refused(() -> PoolContract.backward(DEV, P, x, null, dy, sharing(dy, 2, 3, 4, 6))));
    }
}
