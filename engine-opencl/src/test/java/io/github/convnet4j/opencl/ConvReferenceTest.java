package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Convolution forward, data and filter gradients against direct float64 loops on the host, over
 * the geometries the im2col path must get right: stride, asymmetric padding, dilation, 1x1 (the
 * path without unfolding) and a batch split into several workspace chunks.
 */
class ConvReferenceTest {
    /** One geometry: x (n, c, h, w), filters (k, c, r, s). */
    record Case(String name, int n, int c, int h, int w, int k, int r, int s, ConvParams p, long budgetBytes) {}

    static List<Case> cases() {
        return List.of(
                new Case("3x3 pad 1", 2, 3, 7, 6, 4, 3, 3, ConvParams.of(1, 1, 1), 0),
                new Case("stride 2, no pad", 2, 2, 9, 8, 3, 3, 3, ConvParams.of(2, 0, 1), 0),
                new Case("asymmetric pad (same, even kernel)", 2, 3, 6, 7, 5, 2, 4, new ConvParams(1, 2, 0, 1, 1, 2, 1, 1), 0),
                new Case("dilation 2", 1, 2, 9, 9, 3, 3, 3, ConvParams.of(1, 2, 2), 0),
                new Case("stride 3 dilation 2 asymmetric", 3, 2, 11, 10, 2, 3, 2, new ConvParams(3, 2, 1, 0, 2, 1, 2, 2), 0),
                new Case("1x1 pointwise", 3, 5, 4, 6, 7, 1, 1, ConvParams.of(1, 0, 1), 0),
                new Case("1x1 stride 2", 2, 4, 5, 5, 3, 1, 1, ConvParams.of(2, 0, 1), 0),
                // Budget for exactly two images of columns (27 rows x 36 positions x 4 bytes): chunks 2, 2, 1.
                new Case("chunked batch", 5, 3, 6, 6, 4, 3, 3, ConvParams.of(1, 1, 1), 2 * 27 * 36 * 4),
                new Case("larger: 32 filters, 28x28", 4, 8, 28, 28, 32, 5, 5, ConvParams.of(1, 2, 1), 0));
    }

    @TestFactory
    Stream<DynamicTest> convolutions() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(SharedOpenCl.backend(), c)));
    }

    private static void check(OpenClBackend b, Case c) {
        ConvParams p = c.p();
        int P = p.outputHeight(c.h(), c.r()), Q = p.outputWidth(c.w(), c.s());
        Shape xs = Shape.of(c.n(), c.c(), c.h(), c.w()), ws = Shape.of(c.k(), c.c(), c.r(), c.s()), ys = Shape.of(c.n(), c.k(), P, Q);
        float[] x = HostData.uniform(1, (int) xs.size()), w = HostData.uniform(2, (int) ws.size());
        float[] bias = HostData.uniform(3, c.k()), dy = HostData.uniform(4, (int) ys.size());
        double[] y = new double[(int) ys.size()], dx = new double[(int) xs.size()], dw = new double[(int) ws.size()], db = new double[c.k()];
        for (int n = 0; n < c.n(); n++)
            for (int k = 0; k < c.k(); k++)
                for (int oh = 0; oh < P; oh++)
                    for (int ow = 0; ow < Q; ow++) {
                        int yi = ((n * c.k() + k) * P + oh) * Q + ow;
                        double acc = bias[k];
                        db[k] += dy[yi];
                        for (int ch = 0; ch < c.c(); ch++)
                            for (int r = 0; r < c.r(); r++)
                                for (int s = 0; s < c.s(); s++) {
                                    int ih = oh * p.strideH() - p.padTop() + r * p.dilationH();
                                    int iw = ow * p.strideW() - p.padLeft() + s * p.dilationW();
                                    if (ih < 0 || ih >= c.h() || iw < 0 || iw >= c.w()) continue;
                                    int xi = ((n * c.c() + ch) * c.h() + ih) * c.w() + iw;
                                    int wi = ((k * c.c() + ch) * c.r() + r) * c.s() + s;
                                    acc += (double) x[xi] * w[wi];
                                    dx[xi] += (double) dy[yi] * w[wi];
                                    dw[wi] += (double) dy[yi] * x[xi];
                                }
                        y[yi] = acc;
                    }
        int crs = c.c() * c.r() * c.s();
        b.convOps().setColumnBudgetBytes(c.budgetBytes());
        try (Tensor tx = HostData.upload(b, xs, x); Tensor tw = HostData.upload(b, ws, w);
             Tensor tb = HostData.upload(b, Shape.of(c.k()), bias); Tensor tdy = HostData.upload(b, ys, dy);
             Tensor ty = b.allocate(ys); Tensor tdx = b.allocate(xs); Tensor tdw = b.allocate(ws); Tensor tdb = b.allocate(Shape.of(c.k()))) {
            b.conv().forward(p, tx, tw, tb, ty);
            b.conv().backwardData(p, tdy, tw, tdx);
            b.conv().backwardFilter(p, tx, tdy, tdw, tdb);
            Tolerance.f32Sum(crs + 1, 1).assertClose(c.name() + " y", y, HostData.download(b, ty), ys);
            Tolerance.f32Sum((long) c.k() * c.r() * c.s(), 1).assertClose(c.name() + " dx", dx, HostData.download(b, tdx), xs);
            Tolerance.f32Sum((long) c.n() * P * Q, 1).assertClose(c.name() + " dw", dw, HostData.download(b, tdw), ws);
            Tolerance.f32Sum((long) c.n() * P * Q, 1).assertClose(c.name() + " dbias", db, HostData.download(b, tdb), Shape.of(c.k()));
        } finally {
            b.convOps().setColumnBudgetBytes(0);
        }
    }
}
