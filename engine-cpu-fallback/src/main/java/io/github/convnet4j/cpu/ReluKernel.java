package io.github.convnet4j.cpu;

/**
 * ReLU on a range {@code [lo, hi)} of float arrays: forward {@code y = Math.max(x, 0)}, backward
 * {@code dx = x > 0 ? dy : 0}. The vector version ({@link VectorRelu}) gives the same bits; it
 * exists because the backward select compiles to a branch that mispredicts on about half of a
 * layer's elements (it cost more than keras-mnist's first convolution).
 */
class ReluKernel {
    /** The Vector API version when usable, else this scalar one. */
    static ReluKernel best() { return MicroKernels.relu(); }

    void forward(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) y[i] = Math.max(x[i], 0f);
    }

    void backward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        backward(x, dy, lo, dx, lo, hi - lo);
    }

    /**
     * {@code dx[to + i] = x[from + i] > 0 ? dy[from + i] : 0} for i &lt; len: the backward pass copied
     * to another place (the convolutions' fused ReLU writes it into their packed or padded copies).
     */
    void backward(float[] x, float[] dy, int from, float[] dx, int to, int len) {
        for (int i = 0; i < len; i++) dx[to + i] = x[from + i] > 0 ? dy[from + i] : 0f;
    }
}
