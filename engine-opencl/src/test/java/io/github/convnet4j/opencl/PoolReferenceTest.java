package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.backend.ops.PoolParams.Mode;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pooling against host loops: overlapping and disjoint windows, padding excluded from max and
 * from the average's count, and max-pool ties (inputs drawn from a few values) routed to the first
 * maximum.
 */
class PoolReferenceTest {
    static List<PoolParams> params() {
        return List.of(
                new PoolParams(Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0),
                new PoolParams(Mode.MAX, 3, 3, 1, 1, 1, 1, 1, 1),
                new PoolParams(Mode.MAX, 3, 2, 2, 1, 0, 1, 2, 0),
                new PoolParams(Mode.AVERAGE, 2, 2, 2, 2, 0, 0, 0, 0),
                new PoolParams(Mode.AVERAGE, 3, 3, 2, 2, 1, 1, 1, 1),
                new PoolParams(Mode.AVERAGE, 2, 3, 1, 2, 1, 0, 0, 2),
                // Disjoint windows take the scatter path: gaps (stride > window), padding, ragged edges.
                new PoolParams(Mode.MAX, 2, 2, 3, 3, 1, 0, 0, 1),
                new PoolParams(Mode.AVERAGE, 3, 2, 3, 2, 1, 1, 1, 0));
    }

    @TestFactory
    Stream<DynamicTest> pooling() {
        return params().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(SharedOpenCl.backend(), p)));
    }

    private static void check(OpenClBackend b, PoolParams p) {
        int n = 2, c = 3, h = 7, w = 8;
        int P = p.outputHeight(h), Q = p.outputWidth(w);
        float[] x = HostData.uniform(5, n * c * h * w);
        // Few distinct values: many windows hold their maximum more than once.
        for (int i = 0; i < x.length; i++) x[i] = Math.round(x[i] * 2) / 2f;
        float[] dy = HostData.uniform(6, n * c * P * Q);
        double[] y = new double[dy.length], dx = new double[x.length];
        for (int pl = 0; pl < n * c; pl++)
            for (int oh = 0; oh < P; oh++)
                for (int ow = 0; ow < Q; ow++) {
                    int h0 = oh * p.strideH() - p.padTop(), w0 = ow * p.strideW() - p.padLeft();
                    double best = Double.NEGATIVE_INFINITY, sum = 0;
                    int bestAt = -1, count = 0;
                    for (int ih = Math.max(h0, 0); ih < Math.min(h0 + p.windowH(), h); ih++)
                        for (int iw = Math.max(w0, 0); iw < Math.min(w0 + p.windowW(), w); iw++) {
                            int xi = (pl * h + ih) * w + iw;
                            if (x[xi] > best) { best = x[xi]; bestAt = xi; }
                            sum += x[xi];
                            count++;
                        }
                    int yi = (pl * P + oh) * Q + ow;
                    if (p.mode() == Mode.MAX) {
                        y[yi] = best;
                        dx[bestAt] += dy[yi];
                    } else {
                        y[yi] = sum / count;
                        for (int ih = Math.max(h0, 0); ih < Math.min(h0 + p.windowH(), h); ih++)
                            for (int iw = Math.max(w0, 0); iw < Math.min(w0 + p.windowW(), w); iw++)
                                dx[(pl * h + ih) * w + iw] += dy[yi] / count;
                    }
                }
        Shape xs = Shape.of(n, c, h, w), ys = Shape.of(n, c, P, Q);
        try (Tensor tx = HostData.upload(b, xs, x); Tensor tdy = HostData.upload(b, ys, dy);
             Tensor ty = b.allocate(ys); Tensor tdx = b.allocate(xs)) {
            b.pool().forward(p, tx, ty);
            b.pool().backward(p, tx, ty, tdy, tdx);
            Tolerance tol = p.mode() == Mode.MAX ? Tolerance.exact() : Tolerance.f32Elementwise();
            tol.assertClose("y", y, HostData.download(b, ty), ys);
            // Each input sums the gradient of the (few) windows covering it.
            (p.mode() == Mode.MAX ? Tolerance.f32Sum(6, 1) : Tolerance.f32Sum(9, 1)).assertClose("dx", dx, HostData.download(b, tdx), xs);
        }
    }
}
