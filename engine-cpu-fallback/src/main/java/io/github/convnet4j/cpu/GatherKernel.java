package io.github.convnet4j.cpu;

/**
 * The inner kernel of {@link GatherGemm}: an {@code mr x nr} tile of {@code C = A B} where A is
 * never packed but read where it lies, element (i, t) at {@code src[rowBase[row + i] + colOff[col + t]]},
 * and B is a packed {@code kc x nr} sliver, element (t, j) at {@code b[bOff + t*nr + j]}. Convolutions
 * express im2col this way (a row per output pixel or per filter tap, a column offset per tap or per
 * pixel), so the im2col matrix is never written.
 *
 * <p>Every implementation computes each element as one fused multiply-add chain over t = 0..kc-1
 * starting from 0, then stores it ({@code accumulate}: adds it onto C, one rounding), so all widths
 * and the scalar path give identical bits.
 */
interface GatherKernel {
    /** Rows of the register tile; rowBase must hold mr entries from {@code row}. */
    int mr();

    /** Columns of the register tile. */
    int nr();

    /**
     * One tile: {@code c[cOff + i*ldc + j] (+)= sum_t src[rowBase[row+i] + colOff[col+t]] * b[bOff + t*nr + j]}
     * for i &lt; mr, j &lt; nr.
     */
    void multiply(int kc, float[] src, int[] rowBase, int row, int[] colOff, int col,
                  float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate);
}
