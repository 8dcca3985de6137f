package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.nn.TransposedConvolution;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code F.conv_transpose2d} against {@link TransposedConvolution} (what {@code Conv2DTranspose}
 * runs): the output size comes from the file (PyTorch's output_padding), the geometry is the
 * convolution from that output back to the input.
 */
final class GoldenConvTranspose {
    private GoldenConvTranspose() {}

    static void check(GoldenScope s, Case c) {
        int[] stride = c.ints("stride"), pad = c.ints("pad"), dil = c.ints("dilation");
        ConvParams p = new ConvParams(stride[0], stride[1], pad[0], pad[1], pad[0], pad[1], dil[0], dil[1]);
        boolean bias = c.param("bias").booleanValue();
        GoldenTensor gx = c.tensor("x"), gw = c.tensor("w"), gy = c.tensor("y");
        Shape xs = gx.shape(), ws = gw.shape(), ys = gy.shape();
        int channels = ws.dim(0), f = ws.dim(1), taps = ws.dim(2) * ws.dim(3);

        Tensor x = s.input("x", gx);
        Tensor w = s.input("w", gw);
        Tensor b = bias ? s.input("b", c.tensor("b")) : null;
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(ys);
        TransposedConvolution.forward(s.backend(), p, x, w, b, y);
        s.check("conv_transpose2d y", y, gy, Tolerance.f32Sum((long) channels * taps + 1, 1));

        Tensor dx = s.output(xs);
        TransposedConvolution.backwardData(s.backend(), p, dy, w, dx);
        s.check("conv_transpose2d dx", dx, c.tensor("dx"), Tolerance.f32Sum((long) f * taps, 1));

        Tensor dw = s.output(ws);
        Tensor db = bias ? s.output(Shape.of(f)) : null;
        TransposedConvolution.backwardFilter(s.backend(), p, x, dy, dw, db);
        s.check("conv_transpose2d dw", dw, c.tensor("dw"), Tolerance.f32Sum(xs.size() / channels, 1));
        if (bias) s.check("conv_transpose2d db", db, c.tensor("db"), Tolerance.f32Sum(ys.size() / f, 1));
    }
}
