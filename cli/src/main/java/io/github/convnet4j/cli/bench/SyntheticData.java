package io.github.convnet4j.cli.bench;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.tensor.Shape;

/**
 * Seeded synthetic images for networks whose input is not Fashion-MNIST's (1, 28, 28). Every value
 * comes from SplitMix64 over a counter, which {@code bench/pytorch_peer.py} computes the same way
 * with NumPy, so both sides train on bit-identical data:
 * <ul>
 *   <li>pixel {@code i} (flat NCHW index) = {@code (splitmix64(seed, i) >>> 40) / 2^24}, in [0, 1);</li>
 *   <li>label {@code i} = {@code splitmix64(seed + 1, i) mod classes} (unsigned).</li>
 * </ul>
 */
public final class SyntheticData {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SyntheticData() {}

    /** SplitMix64's output for state {@code seed + (i + 1) * gamma}: the i-th value of the stream started at {@code seed}. */
    public static long splitmix64(long seed, long i) {
        long z = seed + (i + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * {@code n} images of {@code sampleShape (C, H, W)} with labels in {@code [0, classes)}.
     *
     * @throws IllegalArgumentException when the images would not fit in one Java array
     */
    public static Dataset of(int n, Shape sampleShape, int classes, long seed) {
        long total = n * sampleShape.size();
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(n + " synthetic samples of " + sampleShape + " do not fit in one array");
        float[] images = new float[(int) total];
        for (int i = 0; i < images.length; i++) images[i] = (splitmix64(seed, i) >>> 40) * 0x1.0p-24f;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (int) Long.remainderUnsigned(splitmix64(seed + 1, i), classes);
        return new Dataset(images, labels, sampleShape, classes, null);
    }
}
