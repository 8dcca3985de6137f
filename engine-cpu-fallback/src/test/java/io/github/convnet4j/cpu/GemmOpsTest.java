package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

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

/** The blocked F32 SGEMM against the F64 triple loop, and the triple loop by hand. */
class GemmOpsTest {
    static Stream<Arguments> cases() {
        int[][] sizes = {{1, 1, 1}, {7, 33, 1}, {1, 130, 7}, {33, 7, 130}, {130, 33, 7}, {7, 1, 33}, {130, 130, 130}, {33, 300, 290}};
        List<Arguments> out = new ArrayList<>();
        for (int[] s : sizes) {
            for (int t = 0; t < 4; t++) out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "M={0} N={1} K={2} transA={3} transB={4}")
    @MethodSource("cases")
    void f32MatchesF64(int m, int n, int k, boolean transA, boolean transB) {
        Random rng = new Random(31L * m + 17L * n + k + (transA ? 1000 : 0) + (transB ? 2000 : 0));
        Shape as = transA ? Shape.of(k, m) : Shape.of(m, k);
        Shape bs = transB ? Shape.of(n, k) : Shape.of(k, n);
        Shape cs = Shape.of(m, n);
        double[] a = random(rng, as.size());
        double[] b = random(rng, bs.size());
        double[] c = random(rng, cs.size());
        double[][] params = {{1, 0}, {0.5, -1.5}, {-2, 1}};
        for (double[] ab : params) {
            Tensor c64 = ab[1] == 0 ? garbage(DType.F64, cs) : f64(cs, c);
            Tensor c32 = ab[1] == 0 ? garbage(DType.F32, cs) : f32(cs, c);
            BACKEND.gemm().gemm(transA, transB, ab[0], f64(as, a), f64(bs, b), ab[1], c64);
            BACKEND.gemm().gemm(transA, transB, ab[0], f32(as, a), f32(bs, b), ab[1], c32);
            assertClose("gemm alpha " + ab[0] + " beta " + ab[1], read(c64), read(c32), 1e-6 * k * Math.abs(ab[0]) + 1e-6, 1e-5);
        }
    }

    @Test
    void referenceByHand() {
        for (DType dt : DType.values()) {
            // a (2, 3) = [[1,2,3],[4,5,6]], b (3, 2) = [[7,8],[9,10],[11,12]]: a.b = [[58,64],[139,154]].
            Tensor a = TestSupport.tensor(dt, Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6});
            Tensor b = TestSupport.tensor(dt, Shape.of(3, 2), new double[] {7, 8, 9, 10, 11, 12});
            Tensor c = TestSupport.tensor(dt, Shape.of(2, 2), new double[] {1, 1, 1, 1});
            BACKEND.gemm().gemm(false, false, 2, a, b, 3, c);
            assertArrayEquals(new double[] {119, 131, 281, 311}, read(c), dt + " alpha 2 beta 3");
            // a^T (3, 2) . a (2, 3): [[17,22,27],[22,29,36],[27,36,45]].
            Tensor d = garbage(dt, Shape.of(3, 3));
            BACKEND.gemm().gemm(true, false, 1, a, a, 0, d);
            assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, read(d), dt + " a^T a");
            // a . a^T (2, 2): [[14, 32], [32, 77]].
            Tensor e = garbage(dt, Shape.of(2, 2));
            BACKEND.gemm().gemm(false, true, 1, a, a, 0, e);
            assertArrayEquals(new double[] {14, 32, 32, 77}, read(e), dt + " a a^T");
        }
    }

    @Test
    void matrixViewOfHigherRankTensors() {
        // A (N, C, H, W) tensor is an (N, C*H*W) matrix: the flatten before a dense layer.
        Random rng = new Random(5);
        Shape xs = Shape.of(4, 2, 3, 3);
        Shape ws = Shape.of(5, 18);
        double[] x = random(rng, xs.size());
        double[] w = random(rng, ws.size());
        Tensor y64 = garbage(DType.F64, Shape.of(4, 5));
        Tensor y32 = garbage(DType.F32, Shape.of(4, 5));
        BACKEND.gemm().gemm(false, true, 1, f64(xs, x), f64(ws, w), 0, y64);
        BACKEND.gemm().gemm(false, true, 1, f32(xs, x), f32(ws, w), 0, y32);
        assertClose("flattened input", read(y64), read(y32), 1e-5, 1e-5);
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        Tensor a = BACKEND.allocate(Shape.of(4, 3));
        Tensor b = BACKEND.allocate(Shape.of(5, 2));
        Tensor c = BACKEND.allocate(Shape.of(4, 2));
        BackendException e = assertThrows(BackendException.class, () -> BACKEND.gemm().gemm(false, false, 1, a, b, 0, c));
        assertTrue(e.getMessage().startsWith("gemm: inner dimensions differ: op(a) (4, 3) from a (4, 3), op(b) (5, 2) from b (5, 2)"), e.getMessage());
        Tensor b2 = BACKEND.allocate(Shape.of(3, 2));
        Tensor c2 = BACKEND.allocate(Shape.of(2, 4));
        e = assertThrows(BackendException.class, () -> BACKEND.gemm().gemm(false, false, 1, a, b2, 0, c2));
        assertTrue(e.getMessage().startsWith("gemm: c (2, 4) is not (4, 2)"), e.getMessage());
    }
}
