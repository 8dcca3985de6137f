package io.github.convnet4j.backend.ops;

/**
 * The counter-based random numbers behind dropout masks, defined once so every backend draws the
 * same mask for the same seed (kernels implement the same integer steps): {@code x = i * 0x9E3779B9
 * + seed} in 32-bit wrap-around arithmetic, then MurmurHash3's fmix32, then the top 24 bits scaled
 * to [0, 1).
 */
public final class DropoutHash {
    private DropoutHash() {}

    /** A uniform number in [0, 1) for element {@code i} under {@code seed}. */
    public static float uniform(int seed, int i) {
        int x = i * 0x9E3779B9 + seed;
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        x ^= x >>> 16;
        return (x >>> 8) * 0x1.0p-24f;
    }
}
