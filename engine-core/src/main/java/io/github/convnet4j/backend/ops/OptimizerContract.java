package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * The contract of {@link OptimizerOps}, stated once: the parameter, its gradient and every state
 * tensor have the same shape (not merely the same size), and Adam's step count starts at 1.
 */
public final class OptimizerContract {
    private OptimizerContract() {}

    public static final String SGD = "optimizer sgd";
    public static final String ADAM = "optimizer adam";
    public static final String RMSPROP = "optimizer rmsprop";

    /** {@link OptimizerOps#sgd}: w and g, and with momentum also velocity, non-null and of one shape. */
    public static void sgd(String device, Tensor w, Tensor g, Tensor velocity, double momentum) {
        if (momentum == 0) sameShapes(device, SGD, new String[] {"w", "g"}, w, g);
        else sameShapes(device, SGD, new String[] {"w", "g", "velocity"}, w, g, velocity);
    }

    /** {@link OptimizerOps#adam}: w, g, m, v of one shape; {@code t >= 1}. */
    public static void adam(String device, Tensor w, Tensor g, Tensor m, Tensor v, long t) {
        // Spelled out, not through sameShapes: adam runs for every weight on every step, and its arrays would be garbage.
        OpContract.notNull(device, ADAM, "w", w);
        OpContract.notNull(device, ADAM, "g", g);
        OpContract.notNull(device, ADAM, "m", m);
        OpContract.notNull(device, ADAM, "v", v);
        OpContract.sameShape(device, ADAM, "w", w, "g", g);
        OpContract.sameShape(device, ADAM, "w", w, "m", m);
        OpContract.sameShape(device, ADAM, "w", w, "v", v);
        if (t < 1) throw OpContract.fail(device, ADAM, "step t must be >= 1, got " + t + " for w " + w.shape());
    }

    /** {@link OptimizerOps#rmsprop}: w, g, meanSquare of one shape. */
    public static void rmsprop(String device, Tensor w, Tensor g, Tensor meanSquare) {
        sameShapes(device, RMSPROP, new String[] {"w", "g", "meanSquare"}, w, g, meanSquare);
    }

    private static void sameShapes(String device, String op, String[] names, Tensor... ts) {
        for (int i = 0; i < ts.length; i++) {
            OpContract.notNull(device, op, names[i], ts[i]);
            if (i > 0) OpContract.sameShape(device, op, names[0], ts[0], names[i], ts[i]);
        }
    }
}
