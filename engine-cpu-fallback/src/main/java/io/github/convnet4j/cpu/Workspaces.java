package io.github.convnet4j.cpu;

/**
 * Scratch arrays cached per backend and per worker slot, grown on demand and then reused, so that a
 * training step allocates nothing once the largest layer has run once.
 */
final class Workspaces {
    /** Packed panel of A for the SGEMM micro-kernel. */
    static final int PACK_A = 0;
    /** Packed panel of B for the SGEMM micro-kernel. */
    static final int PACK_B = 1;
    /** im2col / col2im matrix of one image. */
    static final int COLUMNS = 2;
    /** Edge tile of C and other small per-worker scratch. */
    static final int TILE = 3;
    /** Per-worker GEMM result of one image (backward-data columns). */
    static final int PRODUCT = 4;
    /** Output-gradient planes with the fused ReLU's mask applied, while they are packed. */
    static final int MASKED = 5;
    /** A depthwise convolution's input plane split into its stride phases, with a zero border. */
    static final int DEPTHWISE_PHASES = 6;
    /** A depthwise convolution's output plane as wide rows. */
    static final int DEPTHWISE_ROWS = 7;
    /** A depthwise filter gradient's sixteen running lanes per tap. */
    static final int DEPTHWISE_LANES = 8;
    private static final int KINDS = 9;

    /** Shared (not per-worker) array: partial filter gradients of the image slices. */
    static final int SHARED_PARTIALS = 0;
    /** Shared array: the filters packed once per op as the GEMM's left operand. */
    static final int SHARED_PACKED_FILTERS = 1;
    /** Shared array: a zero-bordered copy of a convolution input or output gradient. */
    static final int SHARED_PADDED = 2;
    /** Shared array: the output gradient packed as the filter gradient's right operand. */
    static final int SHARED_PACKED_B = 3;
    /** Shared array: a whole output gradient with the fused ReLU's mask applied. */
    static final int SHARED_MASKED = 4;
    private static final int SHARED_KINDS = 5;

    private final float[][][] perWorker;
    private final float[][] shared = new float[SHARED_KINDS][];
    /** Per-image, per-filter sums of an output gradient, in double (the bias gradient's terms). */
    private double[] planeSums;

    Workspaces(int workers) {
        perWorker = new float[workers][KINDS][];
    }

    /** The array of {@code kind} for {@code worker}, at least {@code length} long; contents undefined. */
    float[] get(int worker, int kind, long length) {
        float[] a = perWorker[worker][kind];
        if (a == null || a.length < length) {
            a = new float[checked(length)];
            perWorker[worker][kind] = a;
        }
        return a;
    }

    /** The shared array of {@code kind}, at least {@code length} long; contents undefined. */
    float[] shared(int kind, long length) {
        float[] a = shared[kind];
        if (a == null || a.length < length) {
            a = new float[checked(length)];
            shared[kind] = a;
        }
        return a;
    }

    /** The shared double array of per-plane sums, at least {@code length} long; contents undefined. */
    double[] planeSums(long length) {
        double[] a = planeSums;
        if (a == null || a.length < length) {
            a = new double[checked(length)];
            planeSums = a;
        }
        return a;
    }

    private static int checked(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new io.github.convnet4j.backend.BackendException("cpu: workspace of " + length + " floats does not fit in a Java array");
        }
        return (int) length;
    }

    /** Drops every cached array. */
    void release() {
        for (float[][] w : perWorker) java.util.Arrays.fill(w, null);
        java.util.Arrays.fill(shared, null);
        planeSums = null;
    }
}
