package io.github.convnet4j.cpu;

/**
 * Pooling of the planes {@code [lo, hi)} of an {@code (N*C, H, W)} batch, for a geometry the
 * implementation handles (see {@link Pool2x2#applies}). Implementations give the same bits as the
 * general loops of {@link PoolFast}.
 */
interface PlanePooling {
    /** {@code y}'s planes {@code [lo, hi)} from the same planes of {@code x}. */
    void forwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] y);

    /** Overwrites every element of {@code dx}'s planes {@code [lo, hi)}. */
    void backwardPlanes(PoolGeometry g, int lo, int hi, float[] x, float[] dy, float[] dx);
}
