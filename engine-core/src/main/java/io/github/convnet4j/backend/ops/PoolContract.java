package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import static io.github.convnet4j.backend.ops.OpContract.describe;
import static io.github.convnet4j.backend.ops.OpContract.fail;

/** The contract of {@link PoolOps}, stated once: op names, output sizes and the checks of a call. */
public final class PoolContract {
    private PoolContract() {}

    public static final String FORWARD = "pool forward";
    public static final String BACKWARD = "pool backward";

    /** Geometry from {@code x (N, C, H, W)}: rank, and an output of at least 1x1. */
    public static PoolShape geometry(String device, String op, PoolParams p, Tensor x) {
        OpContract.params(device, op, p);
        OpContract.notNull(device, op, "x", x);
        OpContract.rank(device, op, "x", x, 4);
        Shape s = x.shape();
        int outH = p.outputHeight(s.dim(2));
        int outW = p.outputWidth(s.dim(3));
        if (outH <= 0 || outW <= 0) {
            throw fail(device, op, describe("x", x) + " is too small for a " + p.windowH() + "x" + p.windowW()
                    + " window with " + p + ": output would be " + outH + "x" + outW);
        }
        return new PoolShape(p, s.dim(0), s.dim(1), s.dim(2), s.dim(3), outH, outW);
    }

    /** {@link PoolOps#forward}: y (N, C, P, Q), apart from x. */
    public static PoolShape forward(String device, PoolParams p, Tensor x, Tensor y) {
        PoolShape g = geometry(device, FORWARD, p, x);
        OpContract.notNull(device, FORWARD, "y", y);
        if (!g.isOutput(y.shape())) OpContract.shapeFor(device, FORWARD, "y", y, g.output(), "N, C, P, Q", "x", x, null, null);
        OpContract.distinct(device, FORWARD, "y", y, "x", x);
        return g;
    }

    /** {@link PoolOps#backward}: dy (N, C, P, Q), y like dy or null, dx like x and apart from x and dy. */
    public static PoolShape backward(String device, PoolParams p, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        PoolShape g = geometry(device, BACKWARD, p, x);
        OpContract.notNull(device, BACKWARD, "dy", dy);
        OpContract.notNull(device, BACKWARD, "dx", dx);
        if (!g.isOutput(dy.shape())) OpContract.shapeFor(device, BACKWARD, "dy", dy, g.output(), "N, C, P, Q", "x", x, null, null);
        if (y != null) OpContract.sameShape(device, BACKWARD, "dy", dy, "y", y);
        OpContract.sameShape(device, BACKWARD, "x", x, "dx", dx);
        OpContract.distinct(device, BACKWARD, "dx", dx, "x", x);
        OpContract.distinct(device, BACKWARD, "dx", dx, "dy", dy);
        return g;
    }
}
