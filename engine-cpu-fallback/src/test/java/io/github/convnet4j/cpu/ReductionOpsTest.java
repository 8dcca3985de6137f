package io.github.convnet4j.cpu;

import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sums and argmax counting. */
class ReductionOpsTest {
    @Test
    void sumsByHand() {
        for (DType dt : DType.values()) {
            var t = tensor(dt, Shape.of(2, 2), new double[] {1, -2, 3, -4});
            assertEquals(-2, BACKEND.reduction().sum(t), 0);
            assertEquals(30, BACKEND.reduction().sumOfSquares(t), 0);
            assertEquals(10, BACKEND.reduction().sumOfAbs(t), 0);
        }
    }

    @Test
    void f32SumsInDouble() {
        double[] v = random(new Random(37), 100_000);
        double exact = 0;
        for (double d : v) exact += d;
        Shape s = Shape.of(100_000);
        assertEquals(BACKEND.reduction().sum(f64(s, v)), BACKEND.reduction().sum(f32(s, v)), 1e-9);
        assertEquals(exact, BACKEND.reduction().sum(f32(s, v)), 1e-9);
    }

    @Test
    void argmaxMatchesFirstOnTies() {
        for (DType dt : DType.values()) {
            Shape s = Shape.of(4, 3);
            var scores = tensor(dt, s, new double[] {
                0.1, 0.7, 0.2,    // argmax 1
                0.5, 0.5, 0.0,    // tie: first (0)
                0.0, 0.0, 0.0,    // all equal: 0
                -1, -3, -2});     // 0
            var targets = tensor(dt, s, new double[] {
                0, 1, 0,          // 1: match
                0, 1, 0,          // 1: no match (tie resolves to 0)
                1, 0, 0,          // 0: match
                0, 0, 1});        // 2: no match
            assertEquals(2, BACKEND.reduction().countArgmaxMatches(scores, targets), dt.toString());
        }
    }

    @Test
    void singleColumnComparesLogitSignWithHalf() {
        for (DType dt : DType.values()) {
            Shape s = Shape.of(5, 1);
            var scores = tensor(dt, s, new double[] {0.0, -0.1, 2, -3, 0.2});
            var targets = tensor(dt, s, new double[] {0.5, 0.4, 1, 1, 0});
            // 0 >= 0 & 0.5 >= 0.5: match; neg & 0.4: match; pos & 1: match; neg & 1: no; pos & 0: no.
            assertEquals(3, BACKEND.reduction().countArgmaxMatches(scores, targets), dt.toString());
        }
    }
}
