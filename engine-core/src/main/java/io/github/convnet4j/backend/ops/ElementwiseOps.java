package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/** Pointwise helpers. Tensors of one call have equal sizes unless stated. */
public interface ElementwiseOps {
    /** Sets every element to {@code value}. */
    void fill(Tensor t, double value);

    /** {@code dst = src}. */
    void copy(Tensor src, Tensor dst);

    /** {@code t *= alpha}. */
    void scale(Tensor t, double alpha);

    /** {@code y += alpha x}. */
    void axpy(double alpha, Tensor x, Tensor y);

    /** {@code out = a + b}; out may alias a or b (residual connections). */
    void add(Tensor a, Tensor b, Tensor out);

    /** {@code y[n, c, ...] += bias[c]} for {@code y (N, C)} or {@code (N, C, H, W)} and {@code bias (C)}. */
    void addBias(Tensor y, Tensor bias);

    /** {@code dbias[c] = sum over n (and h, w) of dy[n, c, ...]}, overwritten. */
    void biasGradient(Tensor dy, Tensor dbias);

    /**
     * Inverted dropout: {@code mask[i] = u(seed, i) >= rate ? 1/(1-rate) : 0} with
     * {@code u = DropoutHash.uniform(seed, i)} (the same on every backend), then {@code y = x mask}.
     * rate is in [0, 1); the comparison is {@code (double) u >= rate}, which equals the integer test
     * {@code (hash >>> 8) >= ceil(rate * 2^24)} that kernels use. In F32 the kept value is {@code (float) (1.0 / (1.0 - rate))}, computed
     * in double (e.g. once on the host), so masks are bit-identical across backends.
     */
    void dropoutForward(Tensor x, Tensor y, Tensor mask, double rate, int seed);

    /** {@code out = a * b} elementwise (dropout backward: {@code dx = dy * mask}); out may alias a or b. */
    void multiply(Tensor a, Tensor b, Tensor out);

    /** Adds the regularization gradient {@code g += l1 sign(w) + 2 l2 w} (Keras: penalty l1 |w| + l2 w^2). */
    void addRegularizationGradient(Tensor w, Tensor g, double l1, double l2);

    /**
     * Clamps in place: {@code t = t < lo ? lo : t > hi ? hi : t} (a NaN stays NaN); in F32 the bounds
     * are {@code (float) lo} and {@code (float) hi}. Gradient clipping by value.
     *
     * @throws io.github.convnet4j.backend.BackendException when a bound is NaN or {@code lo > hi}
     *         ({@link #clipBoundsProblem})
     */
    void clip(Tensor t, double lo, double hi);

    /** What is wrong with clip bounds, for the backends' error messages; null when they are fine. */
    static String clipBoundsProblem(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) return "bounds [" + lo + ", " + hi + "] include NaN";
        if (lo > hi) return "lower bound " + lo + " is above upper bound " + hi;
        return null;
    }
}
