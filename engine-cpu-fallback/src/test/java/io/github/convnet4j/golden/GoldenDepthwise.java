package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code F.conv2d(groups=C)} with filters {@code (C*M, 1, R, S)} against {@code DepthwiseConvOps}:
 * forward and both gradients. Values uniform in [-1, 1), so the F32 tolerance is a sum of
 * products of magnitude at most 1 over each output's reduction length.
 */
final class GoldenDepthwise {
    private GoldenDepthwise() {}

    static void check(GoldenScope s, Case c) {
        int[] stride = c.ints("stride"), pad = c.ints("pad"), dil = c.ints("dilation");
        ConvParams p = new ConvParams(stride[0], stride[1], pad[0], pad[1], pad[2], pad[3], dil[0], dil[1]);
        boolean bias = c.param("bias").booleanValue();
        GoldenTensor gx = c.tensor("x"), gw = c.tensor("w"), gy = c.tensor("y");
        Shape xs = gx.shape(), ws = gw.shape(), ys = gy.shape();
        int k = ws.dim(0), m = k / xs.dim(1), taps = ws.dim(2) * ws.dim(3);

        Tensor x = s.input("x", gx);
        Tensor w = s.input("w", gw);
        Tensor b = bias ? s.input("b", c.tensor("b")) : null;
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(ys);
        s.backend().depthwiseConv().forward(p, x, w, b, y);
        s.check("depthwise y", y, gy, Tolerance.f32Sum(taps + 1, 1));

        Tensor dx = s.output(xs);
        s.backend().depthwiseConv().backwardData(p, dy, w, dx);
        s.check("depthwise dx", dx, c.tensor("dx"), Tolerance.f32Sum((long) m * taps, 1));

        Tensor dw = s.output(ws);
        Tensor db = bias ? s.output(Shape.of(k)) : null;
        s.backend().depthwiseConv().backwardFilter(p, x, dy, dw, db);
        Tolerance perFilter = Tolerance.f32Sum(ys.size() / k, 1);
        s.check("depthwise dw", dw, c.tensor("dw"), perFilter);
        if (bias) s.check("depthwise db", db, c.tensor("db"), perFilter);
    }
}
