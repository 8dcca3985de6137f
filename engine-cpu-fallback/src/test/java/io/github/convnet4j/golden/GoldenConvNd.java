package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code F.conv1d} and {@code F.conv3d} (asymmetric padding through {@code F.pad}). Conv1D runs as
 * the layer runs it: the 2-D convolution of the views {@code (N, C, 1, L)} and {@code (F, C, 1, K)};
 * Conv3D on {@code Conv3dOps}. Values uniform in [-1, 1): F32 tolerances are sums of products of
 * magnitude at most 1 over each output's reduction length.
 */
final class GoldenConvNd {
    private GoldenConvNd() {}

    /** The op under test, given the case's tensors (x, w, b or null, dy) and the outputs to fill. */
    private interface Ops {
        void forward(Tensor x, Tensor w, Tensor b, Tensor y);
        void backwardData(Tensor dy, Tensor w, Tensor dx);
        void backwardFilter(Tensor x, Tensor dy, Tensor dw, Tensor db);
    }

    static void check1d(GoldenScope s, Case c) {
        int[] stride = c.ints("stride"), dil = c.ints("dilation");
        int[] pad = {c.param("pad").get(0).get(0).intValue(), c.param("pad").get(0).get(1).intValue()};
        ConvParams p = new ConvParams(1, stride[0], 0, pad[0], 0, pad[1], 1, dil[0]);
        check(s, c, "conv1d", new Ops() {
            public void forward(Tensor x, Tensor w, Tensor b, Tensor y) { s.backend().conv().forward(p, image(x), image(w), b, image(y)); }
            public void backwardData(Tensor dy, Tensor w, Tensor dx) { s.backend().conv().backwardData(p, image(dy), image(w), image(dx)); }
            public void backwardFilter(Tensor x, Tensor dy, Tensor dw, Tensor db) {
                s.backend().conv().backwardFilter(p, image(x), image(dy), image(dw), db);
            }
        });
    }

    static void check3d(GoldenScope s, Case c) {
        int[] stride = c.ints("stride"), dil = c.ints("dilation");
        int[][] pad = new int[3][2];
        for (int a = 0; a < 3; a++) for (int i = 0; i < 2; i++) pad[a][i] = c.param("pad").get(a).get(i).intValue();
        Conv3dParams p = new Conv3dParams(stride[0], stride[1], stride[2], pad[0][0], pad[1][0], pad[2][0], pad[0][1], pad[1][1], pad[2][1],
                dil[0], dil[1], dil[2]);
        check(s, c, "conv3d", new Ops() {
            public void forward(Tensor x, Tensor w, Tensor b, Tensor y) { s.backend().conv3d().forward(p, x, w, b, y); }
            public void backwardData(Tensor dy, Tensor w, Tensor dx) { s.backend().conv3d().backwardData(p, dy, w, dx); }
            public void backwardFilter(Tensor x, Tensor dy, Tensor dw, Tensor db) { s.backend().conv3d().backwardFilter(p, x, dy, dw, db); }
        });
    }

    /** {@code (N, C, L)} as {@code (N, C, 1, L)}. */
    private static Tensor image(Tensor t) { return t.reshape(Shape.of(t.dim(0), t.dim(1), 1, t.dim(2))); }

    private static void check(GoldenScope s, Case c, String op, Ops ops) {
        boolean bias = c.param("bias").booleanValue();
        GoldenTensor gx = c.tensor("x"), gw = c.tensor("w"), gy = c.tensor("y");
        Shape xs = gx.shape(), ws = gw.shape(), ys = gy.shape();
        int k = ws.dim(0);
        long taps = ws.size() / k;                    // C * kernel volume
        long kernelVolume = taps / ws.dim(1);

        Tensor x = s.input("x", gx);
        Tensor w = s.input("w", gw);
        Tensor b = bias ? s.input("b", c.tensor("b")) : null;
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(ys);
        ops.forward(x, w, b, y);
        s.check(op + " y", y, gy, Tolerance.f32Sum(taps + 1, 1));

        Tensor dx = s.output(xs);
        ops.backwardData(dy, w, dx);
        s.check(op + " dx", dx, c.tensor("dx"), Tolerance.f32Sum(k * kernelVolume, 1));

        Tensor dw = s.output(ws);
        Tensor db = bias ? s.output(Shape.of(k)) : null;
        ops.backwardFilter(x, dy, dw, db);
        Tolerance perFilter = Tolerance.f32Sum(ys.size() / k, 1);
        s.check(op + " dw", dw, c.tensor("dw"), perFilter);
        if (bias) s.check(op + " db", db, c.tensor("db"), perFilter);
    }
}
