package io.github.convnet4j.data;

import java.util.Arrays;

/**
 * An unsigned-byte array read from an IDX file: {@code (N)} for labels, {@code (N, H, W)} for images.
 *
 * @param dims the dimensions, outermost first, all positive
 * @param data {@code product(dims)} raw bytes; interpret with {@link #unsigned(int)}
 */
public record IdxArray(int[] dims, byte[] data) {
    public IdxArray {
        long n = 1;
        for (int d : dims) {
            if (d <= 0) throw new IllegalArgumentException("IDX dimensions must be positive: " + Arrays.toString(dims));
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) throw new IllegalArgumentException("IDX dimensions " + Arrays.toString(dims) + " need " + n + " bytes, got " + data.length);
    }

    /** The outermost dimension: number of items. */
    public int count() { return dims[0]; }

    /** Byte {@code i} as a value in [0, 255]. */
    public int unsigned(int i) { return data[i] & 0xFF; }

    /** A copy of the dimensions. */
    @Override public int[] dims() { return dims.clone(); }

    /** Dimensions written as {@code 60000 x 28 x 28}. */
    public String dimsText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) { if (i > 0) b.append(" x "); b.append(dims[i]); }
        return b.toString();
    }
}
