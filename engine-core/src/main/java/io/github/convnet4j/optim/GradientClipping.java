package io.github.convnet4j.optim;

/**
 * Keras-style gradient clipping, applied after regularization and before the update. A value of 0
 * switches that kind off.
 *
 * @param clipNorm       per-parameter: a gradient whose L2 norm exceeds it is scaled to norm clipNorm
 * @param globalClipNorm all gradients together: when the L2 norm over every trainable gradient exceeds
 *                       it, all are scaled by {@code globalClipNorm / norm}
 * @param clipValue      elementwise: every gradient value is clamped to {@code [-clipValue, clipValue]}
 */
public record GradientClipping(double clipNorm, double globalClipNorm, double clipValue) {
    /** No clipping. */
    public static final GradientClipping NONE = new GradientClipping(0, 0, 0);

    public GradientClipping {
        check("clipnorm", clipNorm);
        check("global_clipnorm", globalClipNorm);
        check("clipvalue", clipValue);
        if (clipNorm > 0 && globalClipNorm > 0) {
            throw new IllegalArgumentException("only one of clipnorm and global_clipnorm can be set");
        }
    }

    /** Whether any kind of clipping is on. */
    public boolean enabled() { return clipNorm > 0 || globalClipNorm > 0 || clipValue > 0; }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be a finite number > 0 (or 0 for off), got " + v);
    }
}
