package io.github.convnet4j.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape, outermost dimension first. Image tensors are {@code (N, C, H, W)},
 * dense activations {@code (N, F)}, parameter vectors {@code (F)}.
 */
public final class Shape {
    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d <= 0) throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a non-positive dimension");
            n = Math.multiplyExact(n, d);
        }
        this.dims = dims;
        this.size = n;
    }

    /** A shape with the given dimensions; every dimension must be positive. */
    public static Shape of(int... dims) { return new Shape(dims.clone()); }

    /** Number of dimensions. */
    public int rank() { return dims.length; }

    /** Dimension {@code i}; negative indices count from the end. */
    public int dim(int i) { return dims[i < 0 ? dims.length + i : i]; }

    /** A copy of the dimensions. */
    public int[] dims() { return dims.clone(); }

    /** Number of elements (product of the dimensions). */
    public long size() { return size; }

    /** Elements per outermost index: {@code size() / dim(0)}. */
    public int sampleSize() { return Math.toIntExact(size / dims[0]); }

    /** Whether this is the rank-4 shape {@code (d0, d1, d2, d3)}; allocates nothing (checks on every op call). */
    public boolean is(int d0, int d1, int d2, int d3) {
        return dims.length == 4 && dims[0] == d0 && dims[1] == d1 && dims[2] == d2 && dims[3] == d3;
    }

    /** Whether this is {@code (n, dims of sample...)}; allocates nothing. */
    public boolean isBatchOf(int n, Shape sample) {
        if (dims.length != sample.dims.length + 1 || dims[0] != n) return false;
        for (int i = 0; i < sample.dims.length; i++) if (dims[i + 1] != sample.dims[i]) return false;
        return true;
    }

    /** This shape with the outermost (batch) dimension replaced. */
    public Shape withBatch(int n) {
        int[] d = dims.clone();
        d[0] = n;
        return new Shape(d);
    }

    @Override public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }
    @Override public int hashCode() { return Arrays.hashCode(dims); }

    /** Written as {@code (2, 3, 28, 28)}. */
    @Override public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) { if (i > 0) b.append(", "); b.append(dims[i]); }
        return b.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
