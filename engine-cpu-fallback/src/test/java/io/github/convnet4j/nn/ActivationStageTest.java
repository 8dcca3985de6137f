package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The activation a layer ends with: bypassed (no pass, no copy) when linear or skipped, and freed on close. */
class ActivationStageTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    private static Tensor f64(double... v) {
        Tensor t = CPU.allocate(Shape.of(1, v.length), DType.F64);
        CPU.upload(v, 0, t);
        return t;
    }

    private static double[] read(Tensor t) { return CpuTensors.read(CPU, t); }

    @Test
    void linearIsBypassedInBothDirections() {
        ActivationStage s = new ActivationStage(Activation.LINEAR);
        Tensor x = f64(-1, 2);
        Tensor dy = f64(3, 4);
        assertSame(x, s.forward(CPU, x, false));
        assertSame(dy, s.backward(CPU, dy, null));
        s.close();
        x.close();
        dy.close();
    }

    @Test
    void skippedIsBypassedAndAppliedOtherwise() {
        ActivationStage s = new ActivationStage(Activation.RELU);
        Tensor x = f64(-1, 2);
        Tensor dy = f64(3, 4);
        assertSame(x, s.forward(CPU, x, true));
        assertSame(dy, s.backward(CPU, dy, null));
        Tensor y = s.forward(CPU, x, false);
        assertNotSame(x, y);
        assertArrayEquals(new double[] {0, 2}, read(y));
        Tensor dx = s.backward(CPU, dy, null);
        assertArrayEquals(new double[] {0, 4}, read(dx)); // relu'(-1) = 0, relu'(2) = 1
        s.close();
        assertThrows(BackendException.class, () -> read(y), "the output is freed");
        assertThrows(BackendException.class, () -> read(dx), "the gradient is freed");
        x.close();
        dy.close();
    }
}
