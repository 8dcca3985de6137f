package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.backend.ops.PoolParams.Mode;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F32 pooling against the F64 reference, and the reference by hand (padding, ties). */
class PoolOpsTest {
    private static final PoolParams[] PARAMS = {
        new PoolParams(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0),
        new PoolParams(Mode.AVERAGE, 2, 2, 2, 2, 0, 0, 0, 0),
        new PoolParams(Mode.MAX, 3, 3, 2, 2, 1, 1, 1, 1),
        new PoolParams(Mode.AVERAGE, 3, 3, 2, 2, 1, 1, 1, 1),
        new PoolParams(Mode.MAX, 3, 2, 1, 2, 0, 1, 2, 0),
        new PoolParams(Mode.AVERAGE, 3, 2, 1, 2, 0, 1, 2, 0),
        new PoolParams(Mode.MAX, 2, 2, 1, 1, 0, 0, 1, 1),
        new PoolParams(Mode.AVERAGE, 2, 2, 1, 1, 0, 0, 1, 1),
    };

    @Test
    void f32MatchesF64() {
        Random rng = new Random(3);
        int[][] shapes = {{2, 3, 8, 8}, {1, 2, 7, 9}, {3, 5, 13, 13}, {16, 8, 26, 26}};
        for (int[] s : shapes) {
            Shape xs = Shape.of(s);
            for (PoolParams p : PARAMS) {
                Shape ys = Shape.of(s[0], s[1], p.outputHeight(s[2]), p.outputWidth(s[3]));
                // Coarse values make ties common, exercising "first maximum wins".
                double[] x = random(rng, xs.size());
                for (int i = 0; i < x.length; i += 3) x[i] = Math.round(x[i] * 2) / 2.0;
                double[] dy = random(rng, ys.size());
                Tensor y64 = garbage(DType.F64, ys);
                Tensor y32 = garbage(DType.F32, ys);
                BACKEND.pool().forward(p, f64(xs, x), y64);
                BACKEND.pool().forward(p, f32(xs, x), y32);
                assertClose(p + " forward " + xs, read(y64), read(y32), 1e-6, 1e-6);
                Tensor dx64 = garbage(DType.F64, xs);
                Tensor dx32 = garbage(DType.F32, xs);
                BACKEND.pool().backward(p, f64(xs, x), y64, f64(ys, dy), dx64);
                BACKEND.pool().backward(p, f32(xs, x), y32, f32(ys, dy), dx32);
                assertClose(p + " backward " + xs, read(dx64), read(dx32), 1e-6, 1e-6);
            }
        }
    }

    @Test
    void maxPool2x2ByHand() {
        for (DType dt : DType.values()) {
            // 4x4 input, 2x2 windows, stride 2. Window (0,0) = {1,5,5,0} has a tie: the first 5 (row-major) wins.
            Tensor x = TestSupport.tensor(dt, Shape.of(1, 1, 4, 4), new double[] {
                1, 5, -1, -2,
                5, 0, -3, -4,
                7, 2, 9, 9,
                3, 8, 9, 1});
            PoolParams p = new PoolParams(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0);
            Tensor y = garbage(dt, Shape.of(1, 1, 2, 2));
            BACKEND.pool().forward(p, x, y);
            assertArrayEquals(new double[] {5, -1, 8, 9}, read(y), dt + " forward");
            Tensor dy = TestSupport.tensor(dt, Shape.of(1, 1, 2, 2), new double[] {10, 20, 30, 40});
            Tensor dx = garbage(dt, Shape.of(1, 1, 4, 4));
            BACKEND.pool().backward(p, x, y, dy, dx);
            assertArrayEquals(new double[] {
                0, 10, 20, 0,
                0, 0, 0, 0,
                0, 0, 40, 0,
                0, 30, 0, 0}, read(dx), dt + " backward");
        }
    }

    @Test
    void paddingNeverWinsAndIsNotCounted() {
        for (DType dt : DType.values()) {
            // All-negative 2x2 input, 2x2 window, stride 1, pad 1 on every side: 3x3 output.
            Tensor x = TestSupport.tensor(dt, Shape.of(1, 1, 2, 2), new double[] {-1, -2, -3, -4});
            PoolParams max = new PoolParams(Mode.MAX, 2, 2, 1, 1, 1, 1, 1, 1);
            Tensor y = garbage(dt, Shape.of(1, 1, 3, 3));
            BACKEND.pool().forward(max, x, y);
            assertArrayEquals(new double[] {-1, -1, -2, -1, -1, -2, -3, -3, -4}, read(y), dt + " max with padding");
            PoolParams avg = new PoolParams(Mode.AVERAGE, 2, 2, 1, 1, 1, 1, 1, 1);
            BACKEND.pool().forward(avg, x, y);
            assertArrayEquals(new double[] {-1, -1.5, -2, -2, -2.5, -3, -3, -3.5, -4}, read(y), dt + " average excluding padding");
            Tensor dy = TestSupport.tensor(dt, Shape.of(1, 1, 3, 3), new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
            Tensor dx = garbage(dt, Shape.of(1, 1, 2, 2));
            BACKEND.pool().backward(avg, x, y, dy, dx);
            // Each input sits in 4 windows: one of 1 tap, two of 2 taps, one of 4 taps: 1 + 1/2 + 1/2 + 1/4.
            assertArrayEquals(new double[] {2.25, 2.25, 2.25, 2.25}, read(dx), dt + " average backward");
        }
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        Tensor x = BACKEND.allocate(Shape.of(2, 3, 8, 8));
        Tensor y = BACKEND.allocate(Shape.of(2, 3, 3, 3));
        PoolParams p = new PoolParams(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0);
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.pool().forward(p, x, y));
        assertTrue(e.getMessage().startsWith("pool forward: y (2, 3, 3, 3) should be (2, 3, 4, 4)"), e.getMessage());
    }
}
