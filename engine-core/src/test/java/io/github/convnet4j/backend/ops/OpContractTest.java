package io.github.convnet4j.backend.ops;

import static io.github.convnet4j.backend.ops.ContractTensors.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checks that return what they checked, so that a backend can check and use in one expression. */
class OpContractTest {
    @Test
    void notNullAndParamsHandBackWhatTheyChecked() {
        Tensor x = t(2, 3);
        assertSame(x, OpContract.notNull("cpu", "op", "x", x));
        ConvParams p = ConvParams.of(1, 0, 1);
        assertSame(p, OpContract.params("cpu", "op", p));
        assertEquals("op: x is null (device cpu)", assertThrows(BackendException.class, () -> OpContract.notNull("cpu", "op", "x", null)).getMessage());
        assertEquals("op: parameters are null (device cpu)", assertThrows(BackendException.class, () -> OpContract.params("cpu", "op", null)).getMessage());
    }
}
