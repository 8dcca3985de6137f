package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * GEMM {@code c = alpha op(a) op(b) + beta c} for all four transpose combinations, degenerate,
 * odd and blocked-kernel-unfriendly sizes, alpha/beta including beta 0 over a NaN-filled c (the
 * contract says c is then ignored), and a 4-D operand read as a matrix; then the three products of
 * each of keras-mnist's dense layers at batch 32 (forward NT, weight gradient TN, input gradient NN).
 */
final class GemmConformance {
    private GemmConformance() {}

    record Case(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta, boolean fourD) {
        Shape a() {
            if (fourD) return Shape.of(m, 2, 2, k / 4);
            return transA ? Shape.of(k, m) : Shape.of(m, k);
        }
        Shape b() { return transB ? Shape.of(n, k) : Shape.of(k, n); }
        Shape c() { return Shape.of(m, n); }

        String name() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " M=" + m + " N=" + n + " K=" + k
                    + " alpha=" + alpha + " beta=" + beta + (fourD ? " a " + a() : "");
        }
    }

    static List<Case> cases() {
        int[][] sizes = {{1, 1, 1}, {7, 5, 3}, {17, 13, 33}, {64, 10, 100}, {3, 129, 65}};
        double[][] scalars = {{1, 0}, {0.5, -1.5}, {-2, 1}};
        List<Case> list = new ArrayList<>();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] mnk : sizes) {
                    for (double[] ab : scalars) list.add(new Case(ta, tb, mnk[0], mnk[1], mnk[2], ab[0], ab[1], false));
                }
            }
        }
        list.add(new Case(false, true, 6, 5, 12, 1, 0, true));   // dense layer over a (N, C, H, W) activation
        // Larger than the usual cache blocks (a few hundred in K, ~100 rows, ~1000 columns) and odd.
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) list.add(new Case(ta, tb, 130, 1030, 270, 1.5, 0.5, false));
        }
        int batch = 32;
        for (int[] dense : new int[][] {{576, 64}, {64, 10}}) {   // keras-mnist dense_1 and dense_2: {in, units}
            int in = dense[0], units = dense[1];
            list.add(new Case(false, true, batch, units, in, 1, 0, false));   // z = x W^T
            list.add(new Case(true, false, units, in, batch, 1, 0, false));   // dW = dz^T x
            list.add(new Case(false, false, batch, in, units, 1, 0, false));  // dx = dz W
        }
        return list;
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return Stream.of(group("gemm", cases().stream().map(c -> test(c.name(), pair, s -> run(s, c)))));
    }

    private static void run(Scope s, Case c) {
        Data d = new Data(Cases.seed("gemm " + c.name()));
        Twin a = s.upload(c.a(), d.uniform(c.a()));
        Twin b = s.upload(c.b(), d.uniform(c.b()));
        Twin out = c.beta() == 0 ? s.garbage(c.c()) : s.upload(c.c(), d.uniform(c.c()));
        s.pair().test.gemm().gemm(c.transA(), c.transB(), c.alpha(), a.test(), b.test(), c.beta(), out.test());
        s.pair().ref.gemm().gemm(c.transA(), c.transB(), c.alpha(), a.ref(), b.ref(), c.beta(), out.ref());
        // K products of magnitude <= 1, scaled by |alpha|, plus beta c.
        double magnitude = Math.max(Math.abs(c.alpha()), Math.abs(c.beta()));
        s.check("gemm c", out, Tolerance.f32Sum(c.k() + 1, magnitude));
    }
}
