package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/** The contract of {@link UpsampleOps}, stated once: op names, the output shape, the checks of a call. */
public final class UpsampleContract {
    private UpsampleContract() {}

    public static final String FORWARD = "upsample forward";
    public static final String BACKWARD = "upsample backward";

    /** {@code (N, C, H*fh, W*fw)} for {@code x (N, C, H, W)}. */
    public static Shape output(UpsampleParams p, Shape x) {
        return Shape.of(x.dim(0), x.dim(1), Math.multiplyExact(x.dim(2), p.factorH()), Math.multiplyExact(x.dim(3), p.factorW()));
    }

    /** {@link UpsampleOps#forward}: x rank 4, y its upsampled shape and apart from x. */
    public static void forward(String device, UpsampleParams p, Tensor x, Tensor y) {
        check(device, FORWARD, p, "x", x, "y", y);
        OpContract.distinct(device, FORWARD, "y", y, "x", x);
    }

    /** {@link UpsampleOps#backward}: dx rank 4, dy the upsampled shape of dx and apart from it. */
    public static void backward(String device, UpsampleParams p, Tensor dy, Tensor dx) {
        check(device, BACKWARD, p, "dx", dx, "dy", dy);
        OpContract.distinct(device, BACKWARD, "dx", dx, "dy", dy);
    }

    private static void check(String device, String op, UpsampleParams p, String smallName, Tensor small, String bigName, Tensor big) {
        OpContract.params(device, op, p);
        OpContract.notNull(device, op, smallName, small);
        OpContract.notNull(device, op, bigName, big);
        OpContract.rank(device, op, smallName, small, 4);
        OpContract.shape(device, op, bigName, big, output(p, small.shape()),
                "N, C, H*" + p.factorH() + ", W*" + p.factorW() + " for " + smallName + " " + small.shape());
    }
}
