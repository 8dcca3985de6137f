package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/**
 * Ops of graph layers that merge or reshape activations: channel copies (concatenate and its
 * split), a per-channel gate (squeeze-and-excitation), elementwise maximum and its gradient
 * routing, and zero padding and its crop. All run on the device; none goes through the host.
 * Tensors are {@code (N, C, H, W)}, or {@code (N, C)} read as {@code H = W = 1}. The rules each
 * backend checks are written once, here ({@code ...Problem} methods), so every backend refuses the
 * same calls with the same words.
 */
public interface MergeOps {
    /**
     * {@code dst[n, dstOffset + c, h, w] = src[n, srcOffset + c, h, w]} for {@code c < channels};
     * the other channels of dst are left as they are. Concatenate's forward (src = an input, dst =
     * the output) and its backward split (src = dy, dst = an input's gradient).
     *
     * @param src {@code (N, Cs, H, W)}
     * @param dst {@code (N, Cd, H, W)}, not the same memory as src
     */
    void copyChannels(Tensor src, int srcOffset, Tensor dst, int dstOffset, int channels);

    /**
     * {@code out[n, c, h, w] = x[n, c, h, w] * gate[n, c]}: a gate per sample and channel times a
     * map (Multiply of an SE block's {@code (C)} gate with its {@code (C, H, W)} input; also the
     * map's gradient, with dy as x). out may alias x.
     *
     * @param x    {@code (N, C, H, W)}
     * @param gate {@code (N, C)} or {@code (N, C, 1, 1)}
     * @param out  shaped like x
     */
    void scaleChannels(Tensor x, Tensor gate, Tensor out);

    /**
     * {@code dgate[n, c] = sum over h, w of dy[n, c, h, w] * x[n, c, h, w]}, overwritten: the gate's
     * gradient of {@link #scaleChannels}.
     *
     * @param dy    {@code (N, C, H, W)}
     * @param x     shaped like dy
     * @param dgate {@code (N, C)} or {@code (N, C, 1, 1)}
     */
    void gateGradient(Tensor dy, Tensor x, Tensor dgate);

    /** {@code out = max(a, b)} elementwise (a NaN in a or b gives NaN); out may alias a or b. */
    void maximum(Tensor a, Tensor b, Tensor out);

    /**
     * {@code dx = x == y ? dy : 0} elementwise: the gradient of a maximum {@code y} routed to an input
     * {@code x} (an input tied with another for the maximum receives the gradient too). dx may alias dy.
     */
    void routeMaximum(Tensor x, Tensor y, Tensor dy, Tensor dx);

    /**
     * Zero padding: {@code y[n, c, top + h, left + w] = x[n, c, h, w]}, every other element of y is 0.
     *
     * @param x {@code (N, C, H, W)}
     * @param y {@code (N, C, H + top + bottom, W + left + right)}, not the same memory as x
     */
    void pad(Tensor x, Tensor y, int top, int left);

    /**
     * The inverse of {@link #pad}: {@code dx[n, c, h, w] = dy[n, c, top + h, left + w]}.
     *
     * @param dy {@code (N, C, H + top + bottom, W + left + right)}
     * @param dx {@code (N, C, H, W)}, not the same memory as dy
     */
    void crop(Tensor dy, Tensor dx, int top, int left);

    /** What is wrong with a {@link #copyChannels} call, or null. */
    static String copyChannelsProblem(Tensor src, int srcOffset, Tensor dst, int dstOffset, int channels) {
        if (src.shape().rank() != dst.shape().rank() || src.shape().rank() < 2) return "src " + src.shape() + " and dst " + dst.shape() + " must be (N, C, ...) of one rank";
        if (src.dim(0) != dst.dim(0)) return "src " + src.shape() + " and dst " + dst.shape() + " differ in N";
        for (int i = 2; i < src.shape().rank(); i++) {
            if (src.dim(i) != dst.dim(i)) return "src " + src.shape() + " and dst " + dst.shape() + " differ in dimension " + i;
        }
        if (channels < 0 || srcOffset < 0 || dstOffset < 0 || srcOffset + channels > src.dim(1) || dstOffset + channels > dst.dim(1)) {
            return channels + " channels from " + srcOffset + " of src " + src.shape() + " to " + dstOffset + " of dst " + dst.shape()
                    + " fall outside";
        }
        if (src.buffer() == dst.buffer()) return "src and dst share memory";
        return null;
    }

    /** What is wrong with a {@link #scaleChannels} or {@link #gateGradient} call ({@code x} the map), or null. */
    static String gateProblem(Tensor x, Tensor gate) {
        if (x.shape().rank() != 4 && x.shape().rank() != 2) return "map " + x.shape() + " must be (N, C, H, W) or (N, C)";
        boolean ok = gate.size() == (long) x.dim(0) * x.dim(1) && gate.dim(0) == x.dim(0)
                && (gate.shape().rank() == 2 || gate.shape().rank() == 4 && gate.dim(1) == x.dim(1));
        return ok ? null : "gate " + gate.shape() + " must be (N, C) or (N, C, 1, 1) for the map " + x.shape();
    }

    /** What is wrong with a {@link #pad} call ({@code crop}: small = dx, large = dy), or null. */
    static String padProblem(Tensor small, Tensor large, int top, int left) {
        if (small.shape().rank() != 4 || large.shape().rank() != 4) return "tensors must be (N, C, H, W), got " + small.shape() + " and " + large.shape();
        boolean ok = small.dim(0) == large.dim(0) && small.dim(1) == large.dim(1) && top >= 0 && left >= 0
                && top + small.dim(2) <= large.dim(2) && left + small.dim(3) <= large.dim(3);
        if (!ok) return small.shape() + " at offset (" + top + ", " + left + ") does not fit in " + large.shape();
        if (small.buffer() == large.buffer()) return "the padded and the unpadded tensor share memory";
        return null;
    }
}
