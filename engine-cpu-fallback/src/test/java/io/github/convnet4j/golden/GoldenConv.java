package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code F.conv2d} forward and gradients (asymmetric padding made with {@code F.pad}). Inputs,
 * filters and dy are uniform in [-1, 1), so the F32 tolerance is a sum of products of magnitude
 * at most 1 over the reduction length of each output.
 */
final class GoldenConv {
    private GoldenConv() {}

    static void check(GoldenScope s, Case c) {
        int[] stride = c.ints("stride"), pad = c.ints("pad"), dil = c.ints("dilation");
        ConvParams p = new ConvParams(stride[0], stride[1], pad[0], pad[1], pad[2], pad[3], dil[0], dil[1]);
        boolean bias = c.param("bias").booleanValue();
        GoldenTensor gx = c.tensor("x"), gw = c.tensor("w"), gy = c.tensor("y");
        Shape xs = gx.shape(), ws = gw.shape(), ys = gy.shape();
        int channels = xs.dim(1), k = ws.dim(0), r = ws.dim(2), sw = ws.dim(3);

        Tensor x = s.input("x", gx);
        Tensor w = s.input("w", gw);
        Tensor b = bias ? s.input("b", c.tensor("b")) : null;
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(ys);
        s.backend().conv().forward(p, x, w, b, y);
        s.check("conv2d y", y, gy, Tolerance.f32Sum((long) channels * r * sw + 1, 1));

        Tensor dx = s.output(xs);
        s.backend().conv().backwardData(p, dy, w, dx);
        s.check("conv2d dx", dx, c.tensor("dx"), Tolerance.f32Sum((long) k * r * sw, 1));

        Tensor dw = s.output(ws);
        Tensor db = bias ? s.output(Shape.of(k)) : null;
        s.backend().conv().backwardFilter(p, x, dy, dw, db);
        Tolerance perFilter = Tolerance.f32Sum(ys.size() / k, 1);
        s.check("conv2d dw", dw, c.tensor("dw"), perFilter);
        if (bias) s.check("conv2d db", db, c.tensor("db"), perFilter);
    }
}
