package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code F.max_pool2d} and {@code F.avg_pool2d(count_include_pad=False)}. A max is one of the
 * inputs, so it must match up to the file's printing precision only; averages and gradients are
 * sums over at most one window.
 */
final class GoldenPool {
    private GoldenPool() {}

    static void check(GoldenScope s, Case c) {
        int[] window = c.ints("window"), stride = c.ints("stride"), pad = c.ints("pad");
        PoolParams.Mode mode = PoolParams.Mode.valueOf(c.param("mode").textValue());
        PoolParams p = new PoolParams(mode, window[0], window[1], stride[0], stride[1], pad[0], pad[1], pad[2], pad[3]);
        long area = (long) window[0] * window[1];

        Tensor x = s.input("x", c.tensor("x"));
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(c.tensor("y").shape());
        s.backend().pool().forward(p, x, y);
        s.check(mode + " pool y", y, c.tensor("y"), mode == PoolParams.Mode.MAX ? GoldenScope.F64_STORED : Tolerance.f32Sum(area, 1));

        Tensor dx = s.output(c.tensor("x").shape());
        s.backend().pool().backward(p, x, y, dy, dx);
        s.check(mode + " pool dx", dx, c.tensor("dx"), Tolerance.f32Sum(area, 1));
    }
}
