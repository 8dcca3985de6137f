package io.github.convnet4j.cpu;

/**
 * The register-blocked inner kernel of {@link Sgemm}: it multiplies an {@code mr x kc} packed sliver
 * of A by a {@code kc x nr} packed sliver of B. Every implementation computes each element of the
 * product as the same fused multiply-add chain over p = 0..kc-1 starting from 0, and then stores
 * {@code alpha*acc + beta*c} with one rounding per operation, so scalar and vector kernels of any
 * width produce identical bits.
 *
 * <p>Packed layouts: A sliver element (i, p) at {@code a[aOff + p*mr + i]}; B sliver element
 * (p, j) at {@code b[bOff + p*nr + j]}.
 */
interface MicroKernel {
    /** Rows of the register tile. */
    int mr();

    /** Columns of the register tile. */
    int nr();

    /** A few words for the backend description, e.g. {@code "Vector API 256-bit"}. */
    String description();

    /**
     * One tile: {@code c[cOff + i*ldc + j] = alpha*acc(i,j) + beta*c[...]} for i &lt; mr, j &lt; nr; when
     * beta is 0, c is not read. Edge tiles go through a scratch tile with alpha 1 and beta 0, so this
     * one method is the only hot code (a second, lukewarm kernel method stayed un-intrinsified).
     */
    void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float alpha, float beta);
}
