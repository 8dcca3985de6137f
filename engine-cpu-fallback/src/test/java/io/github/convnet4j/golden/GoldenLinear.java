package io.github.convnet4j.golden;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code F.linear}, built from our ops the way a dense layer does: {@code y = x w^T} (gemm N,T)
 * plus addBias; {@code dx = dy w} (gemm N,N, written into a tensor of x's possibly 4-D shape);
 * {@code dw = dy^T x} (gemm T,N); {@code db} = biasGradient(dy).
 */
final class GoldenLinear {
    private GoldenLinear() {}

    static void check(GoldenScope s, Case c) {
        GoldenTensor gx = c.tensor("x"), gw = c.tensor("w");
        Shape xs = gx.shape();
        int n = xs.dim(0), in = xs.sampleSize(), out = gw.shape().dim(0);
        Tensor x = s.input("x", gx);
        Tensor w = s.input("w", gw);
        Tensor b = s.input("b", c.tensor("b"));
        Tensor dy = s.input("dy", c.tensor("dy"));

        Tensor y = s.output(Shape.of(n, out));
        s.backend().gemm().gemm(false, true, 1, x, w, 0, y);
        s.backend().elementwise().addBias(y, b);
        s.check("linear y", y, c.tensor("y"), Tolerance.f32Sum(in + 1, 1));

        Tensor dx = s.output(xs);
        s.backend().gemm().gemm(false, false, 1, dy, w, 0, dx);
        s.check("linear dx", dx, c.tensor("dx"), Tolerance.f32Sum(out, 1));

        Tensor dw = s.output(gw.shape());
        s.backend().gemm().gemm(true, false, 1, dy, x, 0, dw);
        s.check("linear dw", dw, c.tensor("dw"), Tolerance.f32Sum(n, 1));

        Tensor db = s.output(Shape.of(out));
        s.backend().elementwise().biasGradient(dy, db);
        s.check("linear db", db, c.tensor("db"), Tolerance.f32Sum(n, 1));
    }
}
