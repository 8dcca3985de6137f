package io.github.convnet4j.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The argument checks every backend's merge ops share ({@link MergeOps}'s {@code ...Problem}) and
 * the {@link OpContract}, optimizer and depthwise checks: each wrong argument gets its own message, and arguments exactly at
 * the limit are accepted.
 */
class MergeOpsProblemsTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    private static Tensor t(int... dims) { return CPU.allocate(Shape.of(dims), DType.F32); }

    @Test
    void copyChannels() {
        Tensor src = t(2, 3, 4, 5), dst = t(2, 5, 4, 5);
        assertNull(MergeOps.copyChannelsProblem(src, 0, dst, 2, 3));
        assertNull(MergeOps.copyChannelsProblem(src, 1, dst, 0, 2));
        assertNull(MergeOps.copyChannelsProblem(src, 3, dst, 5, 0));
        assertNull(MergeOps.copyChannelsProblem(t(2, 3), 0, t(2, 4), 1, 3));
        assertEquals("src (2, 3, 4, 5) and dst (2, 5, 4) must be (N, C, ...) of one rank",
                MergeOps.copyChannelsProblem(src, 0, t(2, 5, 4), 0, 1));
        assertEquals("src (3,) and dst (3,) must be (N, C, ...) of one rank", MergeOps.copyChannelsProblem(t(3), 0, t(3), 0, 1));
        assertEquals("src (2, 3, 4, 5) and dst (1, 5, 4, 5) differ in N", MergeOps.copyChannelsProblem(src, 0, t(1, 5, 4, 5), 0, 1));
        assertEquals("src (2, 3, 4, 5) and dst (2, 5, 3, 5) differ in dimension 2", MergeOps.copyChannelsProblem(src, 0, t(2, 5, 3, 5), 0, 1));
        assertEquals("src (2, 3, 4, 5) and dst (2, 5, 4, 6) differ in dimension 3", MergeOps.copyChannelsProblem(src, 0, t(2, 5, 4, 6), 0, 1));
        String outside = " of src (2, 3, 4, 5) to %d of dst (2, 5, 4, 5) fall outside";
        assertEquals("-1 channels from 0" + outside.formatted(0), MergeOps.copyChannelsProblem(src, 0, dst, 0, -1));
        assertEquals("1 channels from -1" + outside.formatted(0), MergeOps.copyChannelsProblem(src, -1, dst, 0, 1));
        assertEquals("1 channels from 0" + outside.formatted(-1), MergeOps.copyChannelsProblem(src, 0, dst, -1, 1));
        assertEquals("2 channels from 2" + outside.formatted(0), MergeOps.copyChannelsProblem(src, 2, dst, 0, 2));
        assertEquals("2 channels from 0" + outside.formatted(4), MergeOps.copyChannelsProblem(src, 0, dst, 4, 2));
        assertEquals("src and dst share memory", MergeOps.copyChannelsProblem(dst, 0, dst, 2, 2));
    }

    @Test
    void gates() {
        Tensor map = t(2, 4, 3, 3);
        assertNull(MergeOps.gateProblem(map, t(2, 4)));
        assertNull(MergeOps.gateProblem(map, t(2, 4, 1, 1)));
        assertNull(MergeOps.gateProblem(t(2, 4), t(2, 4)));
        assertEquals("map (2, 4, 3) must be (N, C, H, W) or (N, C)", MergeOps.gateProblem(t(2, 4, 3), t(2, 4)));
        String bad = " must be (N, C) or (N, C, 1, 1) for the map (2, 4, 3, 3)";
        for (Tensor g : new Tensor[] {t(2, 3), t(4, 2), t(2, 1, 4, 1), t(2, 4, 1), t(8), t(1, 8)}) {
            assertEquals("gate " + g.shape() + bad, MergeOps.gateProblem(map, g));
        }
    }

    @Test
    void padAndCrop() {
        Tensor small = t(2, 3, 2, 4), large = t(2, 3, 5, 6);
        assertNull(MergeOps.padProblem(small, large, 0, 0));
        // the exact fit: 3 + 2 = 5 rows, 2 + 4 = 6 columns
        assertNull(MergeOps.padProblem(small, large, 3, 2));
        assertEquals("tensors must be (N, C, H, W), got (2, 3, 2) and (2, 3, 5, 6)", MergeOps.padProblem(t(2, 3, 2), large, 0, 0));
        assertEquals("tensors must be (N, C, H, W), got (2, 3, 2, 4) and (2, 3, 5)", MergeOps.padProblem(small, t(2, 3, 5), 0, 0));
        String at = "(2, 3, 2, 4) at offset (%d, %d) does not fit in %s";
        assertEquals(at.formatted(4, 0, "(2, 3, 5, 6)"), MergeOps.padProblem(small, large, 4, 0));
        assertEquals(at.formatted(0, 3, "(2, 3, 5, 6)"), MergeOps.padProblem(small, large, 0, 3));
        assertEquals(at.formatted(-1, 0, "(2, 3, 5, 6)"), MergeOps.padProblem(small, large, -1, 0));
        assertEquals(at.formatted(0, -1, "(2, 3, 5, 6)"), MergeOps.padProblem(small, large, 0, -1));
        assertEquals(at.formatted(0, 0, "(1, 3, 5, 6)"), MergeOps.padProblem(small, t(1, 3, 5, 6), 0, 0));
        assertEquals(at.formatted(0, 0, "(2, 2, 5, 6)"), MergeOps.padProblem(small, t(2, 2, 5, 6), 0, 0));
        assertEquals("the padded and the unpadded tensor share memory", MergeOps.padProblem(large.reshape(Shape.of(2, 3, 5, 6)), large, 0, 0));
        // and the CPU backend reports it in the shared op error format
        BackendException e = assertThrows(BackendException.class, () -> CPU.merge().pad(small, t(2, 3, 5, 6), 4, 0));
        assertEquals("pad: " + at.formatted(4, 0, "(2, 3, 5, 6)") + " (device cpu)", e.getMessage());
    }

    @Test
    void optimizerAndDepthwiseContracts() {
        Tensor w = t(2, 3);
        OptimizerContract.rmsprop("cpu", w, t(2, 3), t(2, 3));
        assertEquals(OptimizerContract.RMSPROP + ": meanSquare (3, 2) does not match w (2, 3) (device cpu)",
                assertThrows(BackendException.class, () -> OptimizerContract.rmsprop("cpu", w, t(2, 3), t(3, 2))).getMessage());
        ConvParams p = new ConvParams(1, 1, 0, 0, 0, 0, 1, 1);
        assertEquals("dw: w (4, 1, 3) has rank 3, expected 4 (device cpu)",
                assertThrows(BackendException.class, () -> DepthwiseConvContract.geometry("cpu", "dw", p, "x", t(1, 2, 5, 5), "w", t(4, 1, 3))).getMessage());
    }

    @Test
    void opContractChecks() {
        Tensor x = t(2, 3);
        OpContract.rank("cpu", "op", "x", x, 2);
        OpContract.rank("cpu", "op", "x", x, 4, 2);
        assertEquals("op: x (2, 3) has rank 2, expected 4 (device cpu)",
                assertThrows(BackendException.class, () -> OpContract.rank("cpu", "op", "x", x, 4)).getMessage());
        assertEquals("op: x (2, 3) has rank 2, expected 4 or 3 (device cpu)",
                assertThrows(BackendException.class, () -> OpContract.rank("cpu", "op", "x", x, 4, 3)).getMessage());
        OpContract.shape("cpu", "op", "y", x, Shape.of(2, 3), "");
        assertEquals("op: y (2, 3) should be (3, 2) (device cpu)",
                assertThrows(BackendException.class, () -> OpContract.shape("cpu", "op", "y", x, Shape.of(3, 2), "")).getMessage());
        assertEquals("op: y (2, 3) should be (3, 2) (N, C) (device cpu)",
                assertThrows(BackendException.class, () -> OpContract.shape("cpu", "op", "y", x, Shape.of(3, 2), "N, C")).getMessage());
        Tensor bias = t(3), image = t(1, 4, 2, 2);
        OpContract.vectorFor("cpu", "op", "b", t(4), 4, "channels of", "x", image);
        assertEquals("op: b (3,) should hold 4 elements (channels of x (1, 4, 2, 2)) (device cpu)",
                assertThrows(BackendException.class, () -> OpContract.vectorFor("cpu", "op", "b", bias, 4, "channels of", "x", image)).getMessage());
    }
}
