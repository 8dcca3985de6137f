package io.github.convnet4j.backend.ops;

import static io.github.convnet4j.backend.ops.ContractTensors.t;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.BackendException;
import org.junit.jupiter.api.Test;

/** Adam's state must have the weight's shape (not only its size) and its step count starts at 1. */
class OptimizerContractTest {
    private static final String DEV = "cpu";

    @Test
    void adamNeedsEveryStateShapedLikeTheWeightAndAStepOfAtLeastOne() {
        assertDoesNotThrow(() -> OptimizerContract.adam(DEV, t(3, 2), t(3, 2), t(3, 2), t(3, 2), 1));
        assertEquals("optimizer adam: g (2, 3) does not match w (3, 2) (device cpu)",
                assertThrows(BackendException.class, () -> OptimizerContract.adam(DEV, t(3, 2), t(2, 3), t(3, 2), t(3, 2), 1)).getMessage());
        assertEquals("optimizer adam: m (6,) does not match w (3, 2) (device cpu)",
                assertThrows(BackendException.class, () -> OptimizerContract.adam(DEV, t(3, 2), t(3, 2), t(6), t(3, 2), 1)).getMessage());
        assertEquals("optimizer adam: v (3, 2, 1) does not match w (3, 2) (device cpu)",
                assertThrows(BackendException.class, () -> OptimizerContract.adam(DEV, t(3, 2), t(3, 2), t(3, 2), t(3, 2, 1), 1)).getMessage());
        assertEquals("optimizer adam: step t must be >= 1, got 0 for w (3, 2) (device cpu)",
                assertThrows(BackendException.class, () -> OptimizerContract.adam(DEV, t(3, 2), t(3, 2), t(3, 2), t(3, 2), 0)).getMessage());
    }
}
