package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Tensor;

/** {@code F.interpolate(mode='nearest')} against {@code UpsampleOps}: forward (a copy) and the block-sum gradient. */
final class GoldenUpsample {
    private GoldenUpsample() {}

    static void check(GoldenScope s, Case c) {
        int[] size = c.ints("size");
        UpsampleParams p = new UpsampleParams(size[0], size[1]);
        GoldenTensor gx = c.tensor("x"), gy = c.tensor("y");
        Tensor x = s.input("x", gx);
        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor y = s.output(gy.shape());
        s.backend().upsample().forward(p, x, y);
        s.check("upsampling2d y", y, gy, Tolerance.f32Elementwise());
        Tensor dx = s.output(gx.shape());
        s.backend().upsample().backward(p, dy, dx);
        s.check("upsampling2d dx", dx, c.tensor("dx"), Tolerance.f32Sum((long) size[0] * size[1], 1));
    }
}
